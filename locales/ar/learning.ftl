# التعلّم: التسجيل، والصفحة الرئيسية للمتدرّب، و«تعلّمي»، ومشغّل الدروس وملاحظاته.

nav-learning = تعلّمي

learning-percent = { $value }٪
learning-progress = التقدّم
learning-next = التالي:
learning-status-enrolled = قيد التعلّم
learning-status-completed = مكتملة
learning-status-dropped = منسحب منها
learning-status-suspended = موقوفة
learning-last-activity = آخر دراسة { $date }
learning-continue = تابع
learning-open-course = صفحة الدورة

enrol-sign-in = سجّل الدخول لتلتحق
enrol-action = التحق الآن
enrol-busy = جارٍ الالتحاق…
enrol-note = يمكنك الانسحاب في أي وقت.
enrol-join-waitlist = انضم إلى قائمة الانتظار
enrol-full-note = الدورة ممتلئة. ستحصل على مكان فور أن يخلو مكان.
enrol-waitlisted = في قائمة الانتظار
enrol-waiting-place = ترتيبك في القائمة { $value }.
enrol-start = ابدأ التعلّم
enrol-continue = تابع التعلّم
enrol-drop = انسحب من الدورة
enrol-drop-title = الانسحاب من { $title }؟
enrol-drop-text = ستفقد مكانك في الدورة. يُحفظ تقدّمك إن التحقت بها مرة أخرى.
enrol-leave = غادر قائمة الانتظار
enrol-leave-title = مغادرة قائمة انتظار { $title }؟
enrol-leave-text = ستفقد ترتيبك في القائمة.
enrol-completed-text = أنهيت هذه الدورة.
enrol-certificates = اعرض شهاداتي
enrol-review = راجع الدروس
enrol-closed = التسجيل مغلق

flash-enrolled = التحقت بالدورة. ابدأ بالدرس الأول متى شئت.
flash-waitlisted = الدورة ممتلئة: أنت في قائمة الانتظار.
flash-dropped = انسحبت من الدورة.
flash-left-waitlist = غادرت قائمة الانتظار.
flash-lesson-completed = سُجّل الدرس مكتملًا.
flash-note-saved = حُفظت ملاحظتك.
flash-note-deleted = حُذفت الملاحظة.

home-learner-lead = تابع من حيث توقفت، أو اكتشف ما تتعلّمه من جديد.
home-resume-title = تابع من حيث توقفت
home-resume-next = الدرس التالي:
home-resume-done = أنهيت كل الدروس: أحسنت.
home-my-courses = دوراتي
home-see-all = اعرض كل تعلّمي
home-completed-count = { $kind ->
    [zero] لا دورات مكتملة
    [one] دورة واحدة مكتملة
    [two] دورتان مكتملتان
    [few] { $count } دورات مكتملة
    [many] { $count } دورة مكتملة
   *[other] { $count } دورة مكتملة
}
home-certificates = الشهادات التي نلتها
home-certificate-issued = صدرت في { $date }
home-certificate-code = الرمز
home-certificates-all = كل شهاداتي
home-empty-title = ابدأ دورتك الأولى
home-empty-text = تصفّح الدليل والتحق بدورة، فتظهر هنا مع تقدّمك.
home-idle-title = لا دورة قيد التعلّم
home-idle-text = أنهيت كل دورة بدأتها. ابحث عن دورتك التالية في الدليل.
home-browse = تصفّح دليل الدورات

learning-title = تعلّمي
learning-lead = كل دورة التحقت بها، مع تقدّمك فيها.
learning-filter-label = اعرض
learning-filter-all = الكل
learning-pages = صفحات تعلّمي
learning-empty-title = لم تلتحق بأي دورة بعد
learning-empty-text = ابحث عن دورة في الدليل والتحق بها: تظهر هنا.
learning-none-title = لا دورة بهذه الحالة
learning-none-text = اعرض كل الدورات بدلًا من ذلك.
learning-clear = اعرض كل الدورات
learning-past-end = هذه الصفحة بعد نهاية القائمة.
learning-first-page = اذهب إلى الصفحة الأولى

player-outline = محتوى الدورة
player-outline-open = المحتوى
player-lesson-of = الدرس { $count } من { $total }
player-section-done = { $count } من { $total } مكتمل
player-more-lessons = دروس أخرى
player-done = مكتمل
player-current = الدرس الحالي
player-previous = السابق
player-next = التالي
player-complete = سجّل الدرس مكتملًا
player-completed = مكتمل
player-completed-text = أكملت هذا الدرس.
player-download = تنزيل
player-open-file = افتح الملف
player-no-file = ملف هذا الدرس غير موجود بعد.
player-pdf-note = قد لا يعرض متصفحك المستندات داخل الصفحة: افتح الملف أو نزّله.
player-video-fallback = لا يستطيع متصفحك تشغيل هذا الفيديو هنا: نزّله بدلًا من ذلك.
player-video-resume = يُستأنف الفيديو من حيث توقفت.
player-captions = الترجمة النصية
player-captions-in = الترجمة النصية ({ $language })
player-video-has-captions = تتوفر ترجمة نصية: شغّلها بزر CC في المشغّل.
player-quiz-text = أجب عن الأسئلة لإكمال هذا الدرس.
player-quiz-start = افتح الاختبار
player-certificate-text = تُمنح شهادتك عند إكمال الدورة.
player-course-done = وصلت إلى نهاية الدورة.
player-back-to-course = العودة إلى صفحة الدورة

player-notes = ملاحظاتي
player-notes-empty = لا ملاحظات على هذا الدرس بعد.
player-note-label = ملاحظة جديدة
player-note-hint = لا يقرؤها غيرك ما لم تشاركها.
player-note-share = شاركها مع المدرّب
player-note-save = احفظ الملاحظة
player-note-delete = احذف
player-note-delete-label = احذف ملاحظة { $date }
player-note-shared = مشتركة مع المدرّب
player-note-private = خاصة
home-due-title = مستحق قريبًا
home-due-quiz = اختبار
home-due-ends = تنتهي الدورة في { $date }
home-due-today = تنتهي اليوم
home-due-days-left = { $kind ->
    [zero] لا أيام متبقية
    [one] يوم واحد متبقٍ
    [two] يومان متبقيان
    [few] { $count } أيام متبقية
    [many] { $count } يومًا متبقيًا
   *[other] { $count } يوم متبقٍ
}
home-due-lessons = { $kind ->
    [zero] لا دروس متبقية
    [one] درس واحد متبقٍ
    [two] درسان متبقيان
    [few] { $count } دروس متبقية
    [many] { $count } درسًا متبقيًا
   *[other] { $count } درس متبقٍ
}
home-due-assignment = واجب
home-due-at = موعد التسليم { $date }
home-due-handed-in = سُلِّم
home-due-today-assignment = موعده اليوم
home-grades-title = أحدث الدرجات
home-grade-score = { $score } / { $points } · { $value }
home-grade-passed = ناجح
home-grade-failed = لم ينجح
home-grade-feedback = ملاحظات من مدرّبك
