## سجل الدرجات

gradebook-title = سجل الدرجات
gradebook-lead = درجات كل متدرب في الواجبات والاختبارات المنشورة. يُحسب في المجموع ما لم يُسلَّم أو لم يُصحَّح صفرًا؛ ولكل اختبار ١٠٠ نقطة.
gradebook-csv = تنزيل بصيغة CSV
gradebook-empty-title = لا يوجد متدربون بعد
gradebook-empty-text = يظهر المتدربون هنا بعد تسجيلهم في الدورة.
gradebook-caption = الدرجات في { $title }
gradebook-trainee = المتدرب
gradebook-out-of = من { $points }
gradebook-quiz = اختبار، أفضل نسبة
gradebook-total = المجموع
gradebook-grade = التقدير
gradebook-grade-of = تقدير { $name }
gradebook-save = حفظ
gradebook-ungraded = للتصحيح
gradebook-late = متأخر
gradebook-pagination-label = صفحات سجل الدرجات
gradebook-link = سجل الدرجات
