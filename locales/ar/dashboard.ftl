# لوحات المعلومات والرسوم البيانية وصفحة إحصاءات الدورة.

chart-nothing-yet = لا شيء لعرضه بعد.
chart-show-numbers = اعرض الأرقام
chart-band = { $low }–{ $high }٪
chart-band-head = النطاق
chart-trainees = المتدرّبون
chart-attempts = المحاولات
chart-enrolments = التسجيلات
chart-week-of = أسبوع
chart-session = الجلسة
chart-rate = الحضور
chart-enrolments-title = التسجيلات عبر الزمن
chart-enrolments-summary = { $total } تسجيلًا في آخر ١٢ أسبوعًا، منها { $this } هذا الأسبوع.
chart-progress-title = توزيع التقدّم
chart-progress-summary = من أصل { $total } متدرّبين، { $high } بلغوا ٨٠٪ أو أكثر و{ $low } دون ٢٠٪.
chart-scores-title = توزيع درجات الاختبارات
chart-scores-summary = من أصل { $total } محاولات مصحّحة، { $high } نالت ٨٠٪ أو أكثر و{ $low } دون ٢٠٪.
chart-attendance-title = الحضور عبر الزمن
chart-attendance-summary = { $kind ->
    [one] الحضور في جلسة واحدة: { $rate }.
    [two] الحضور في جلستين: { $rate } إجمالًا.
    [few] الحضور في { $count } جلسات: { $rate } إجمالًا.
   *[other] الحضور في { $count } جلسة: { $rate } إجمالًا.
}
chart-ring-summary = { $title }: { $rate }.
chart-ring-none = { $title }: لا شيء لقياسه بعد.

dashboard-platform = المنصة
dashboard-courses = الدورات
dashboard-enrolments = التسجيلات
dashboard-completions-week = الإتمامات هذا الأسبوع
dashboard-active-week = النشطون هذا الأسبوع
dashboard-get-started = ابدأ من هنا
dashboard-step-done = تمّ
dashboard-start-trainer = أنشئ حساب مدرّب
dashboard-start-trainees = استورد متدرّبيك
dashboard-start-course = أنشئ الدورة الأولى
dashboard-top-courses = الدورات الأكثر إقبالًا
dashboard-top-empty = لا تسجيلات بعد: ستظهر هنا الدورات الأكثر إقبالًا.
dashboard-top-line = { $count } مسجّلًا · { $rate } أتمّوا
dashboard-attention = يحتاج إلى انتباهك
dashboard-attention-empty = لا شيء ينتظرك: لا أعمال للتصحيح ولا جلسة اليوم.
dashboard-today = اليوم
dashboard-take-register = سجّل الحضور
dashboard-check-in-screen = شاشة تسجيل الدخول
dashboard-pending-quizzes = { $kind ->
    [one] محاولة اختبار واحدة تنتظر التصحيح اليدوي
    [two] محاولتا اختبار تنتظران التصحيح اليدوي
   *[other] { $count } محاولات اختبار تنتظر التصحيح اليدوي
}
dashboard-my-courses = دوراتي
dashboard-new-course = دورة جديدة
dashboard-courses-empty-title = لا دورات بعد
dashboard-courses-empty-text = أنشئ دورتك الأولى، وأضف الدروس، وانشرها في دليل الدورات.
dashboard-average-progress = متوسط التقدّم
dashboard-trainees = { $kind ->
    [zero] لا متدرّبين
    [one] متدرّب واحد
    [two] متدرّبان
    [few] { $count } متدرّبين
   *[other] { $count } متدرّبًا
}
dashboard-waiting = { $kind ->
    [one] عمل واحد للتصحيح
    [two] عملان للتصحيح
   *[other] { $count } للتصحيح
}

stats-title = الإحصاءات
stats-lead = كيف تسير { $title }: التسجيلات والتقدّم والدرجات والحضور.
stats-figures = الأرقام
stats-total = التسجيلات
stats-active = يتعلّمون الآن
stats-completed = أتمّوا
stats-average-progress = متوسط التقدّم
stats-average-score = متوسط الدرجات
stats-revenue = الإيرادات
stats-rates = النسب
stats-completion-rate = نسبة الإتمام
stats-attendance-rate = نسبة الحضور
stats-charts = عبر الزمن وحسب النطاق
stats-as-of = الأرقام حتى { $when }.
