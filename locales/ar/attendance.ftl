## الحضور: كشف الحضور، وشاشة تسجيل الدخول، وصفحة تسجيل المتدرب

attendance-title = الحضور
attendance-lead = { $title }: كشف حضور { $date }.
attendance-check-in-link = عرض رمز تسجيل الحضور
attendance-export = تصدير آخر 30 يومًا (CSV)
attendance-date = تاريخ الجلسة
attendance-date-show = عرض
attendance-hint = الجميع حاضرون ما لم تغيّر ذلك. الأوقات بالتوقيت العالمي (UTC).
attendance-empty-title = لا يوجد من يُسجَّل في هذا التاريخ
attendance-empty-text = يظهر المتدربون هنا بعد تسجيلهم في الدورة؛ ومن سجّل بعد هذا التاريخ لا يظهر في كشفه.
attendance-register-invalid = تعذّر حفظ بعض الأسطر. لم يُحفظ شيء: راجع الأسطر المعلَّمة واحفظ مجددًا.
attendance-status-of = حضور { $name }
attendance-notes-of = ملاحظات عن { $name }
attendance-notes = ملاحظات (اختياري)
attendance-save = حفظ الكشف
attendance-present = حاضر
attendance-absent = غائب
attendance-late = متأخر
attendance-excused = بعذر
attendance-signed-in-at = سجّل الدخول الساعة { $from } UTC
attendance-signed-in-out = دخل الساعة { $from } وخرج الساعة { $to } UTC ({ $minutes } دقيقة)
flash-attendance-saved = حُفظ كشف الحضور.

check-in-title = تسجيل الحضور
check-in-lead = امسح الرمز بكاميرا هاتفك لتسجيل حضورك.
check-in-or-type = أو افتح صفحة تسجيل الحضور في الدورة واكتب:
check-in-code-label = الرمز:
check-in-count = سجّلوا حضورهم اليوم: { $count }
check-in-note = يتغير الرمز كل 30 ثانية وبعد كل تسجيل؛ والرمز القديم مرفوض.
check-in-qr-label = رمز QR لتسجيل الحضور؛ الرمز هو { $code }
check-in-full-screen = ملء الشاشة

attend-title = سجّل حضورك في جلسة اليوم
attend-code = رمز تسجيل الحضور
attend-code-hint = الأحرف والأرقام الستة الظاهرة على شاشة المدرب.
attend-sign-in = تسجيل الحضور
attend-sign-out = تسجيل الانصراف
attend-done = سجّلت حضورك وانصرافك اليوم. نراك في المرة القادمة.
attend-conflict = تعذّر ذلك الآن: ربما سجّلت حضورك أو انصرافك اليوم من قبل، أو أن اليوم ليس من أيام الدورة.
flash-signed-in-to-session = سُجّل حضورك اليوم.
flash-signed-out-of-session = سُجّل انصرافك. شكرًا لحضورك.
