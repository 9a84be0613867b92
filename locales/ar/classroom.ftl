# الواجبات والأعمال المسلّمة لها (src/web/assignments، templates/assignments).

## رسائل التنبيه
flash-assignment-created = أُنشئ الواجب.
flash-assignment-saved = حُفظ الواجب.
flash-assignment-deleted = حُذف الواجب.
flash-work-handed-in = سُلّم عملك.
flash-work-graded = حُفظت الدرجة.

## مشترك
classroom-title = الواجبات
classroom-kicker = واجب
classroom-link = الواجبات
classroom-player-link = واجبات هذه الدورة
classroom-pagination-label = صفحات الواجبات
classroom-due = موعد التسليم { $date }
classroom-no-due-date = بلا موعد تسليم
classroom-points = { $kind ->
    [zero] لا نقاط
    [one] نقطة واحدة
    [two] نقطتان
    [few] { $count } نقاط
    [many] { $count } نقطة
   *[other] { $count } نقطة
}
classroom-late-accepted = يُقبل التسليم المتأخر
classroom-closed = مغلق
classroom-late = متأخر
classroom-score = { $value } من { $max }
classroom-version = النسخة { $version }
classroom-handed-in-at = سُلّم { $date }
classroom-status-not-handed-in = لم يُسلَّم
classroom-status-handed-in = سُلّم (النسخة { $version })
classroom-status-late = سُلّم متأخرًا (النسخة { $version })
classroom-status-graded = صُحّح: { $value }
classroom-not-graded = لم يُصحَّح

## صفحات المتدرّب
classroom-learn-lead = ما عليك تسليمه في { $title }، وكيف جرى.
classroom-back-to-lessons = العودة إلى الدروس
classroom-learn-empty-title = لا واجبات بعد
classroom-learn-empty-text = حين يضع مدرّبك واجبًا، يظهر هنا مع موعد تسليمه.
classroom-brief = المطلوب
classroom-your-work = عملك
classroom-grade = الدرجة
classroom-feedback = ملاحظات
classroom-earlier-versions = { $kind ->
    [one] نسخة سابقة واحدة
    [two] نسختان سابقتان
    [few] { $count } نسخ سابقة
   *[other] { $count } نسخة سابقة
}
classroom-hand-in = سلّم عملك
classroom-hand-in-again = سلّم مرة أخرى
classroom-hand-in-again-text = حتى موعد التسليم، تحلّ النسخة الجديدة محلّ ما يراه مدرّبك، وتُحفظ كل النسخ.
classroom-text = إجابتك
classroom-text-hint = اكتب إجابتك هنا، أو أرفق ملفات أدناه، أو كليهما.
classroom-files = الملفات
classroom-files-hint = حتى { $count } ملفات: مستندات (PDF أو Word أو PowerPoint أو Excel أو OpenDocument أو نص) أو صور، لا يزيد كل منها على { $size } ميغابايت.
classroom-uploading = جارٍ التسليم…
classroom-upload-progress = الرفع
classroom-preview = يسلّم المتدرّبون أعمالهم من هذه الصفحة. تراها كما يرونها، من دون النموذج.
classroom-see-submissions = اعرض الأعمال المسلّمة
classroom-refused = لم يُسلَّم عملك، ولم يُحفظ منه شيء.
classroom-refused-graded = صُحّح هذا العمل، فلا يمكن تسليمه مرة أخرى.
classroom-refused-past-due = انقضى موعد التسليم، ولم يعد هذا الواجب يقبل أعمالًا.
classroom-file-too-large = أحد الملفات أكبر من { $size } ميغابايت. لم يُحفظ شيء: اختر ملفات أصغر.
classroom-file-type = أحد الملفات ليس مستندًا ولا صورة. لم يُحفظ شيء: أرسل مستندات PDF أو Word أو PowerPoint أو Excel أو OpenDocument أو نصًّا، أو صور JPEG أو PNG أو WebP أو GIF.
classroom-upload-unreadable = تعذّرت قراءة الملفات المرفوعة. حاول مرة أخرى.
classroom-work-required = اكتب إجابة أو أرفق ملفًا واحدًا على الأقل.

## صفحات المدرّب
classroom-teach-lead = واجبات { $title }: أنشئها وعدّلها وصحّح الأعمال المسلّمة.
classroom-new = واجب جديد
classroom-create = أنشئ الواجب
classroom-teach-empty-title = لا واجبات بعد
classroom-teach-empty-text = أنشئ واجبًا يسلّم فيه متدرّبوك أعمالهم: نصًّا أو ملفات أو كليهما.
classroom-submissions = الأعمال المسلّمة
classroom-edit = عدّل
classroom-delete = احذف
classroom-preview-link = اعرضه كما يراه المتدرّب
classroom-edit-title = الواجب
classroom-field-title = العنوان
classroom-field-description = التعليمات
classroom-field-description-hint = نص عادي؛ اترك سطرًا فارغًا بين الفقرات.
classroom-field-due = تاريخ التسليم ووقته (UTC)
classroom-due-invalid = أدخل تاريخًا ووقتًا، أو اترك الحقل فارغًا.
classroom-field-due-hint = بالتوقيت العالمي UTC، لا بتوقيتك المحلي. اتركه فارغًا إن لم يكن للواجب موعد.
classroom-field-points = النقاط
classroom-field-points-hint = أعلى درجة يمكن أن ينالها العمل، من ٠ إلى ١٠٬٠٠٠.
classroom-field-late = اقبل التسليم المتأخر
classroom-field-late-hint = بعد موعد التسليم، يستطيع المتدرّب الذي لم يسلّم شيئًا أن يسلّم مرة واحدة، ويُعلَّم عمله متأخرًا.
classroom-field-published = منشور
classroom-field-published-hint = لا يرى المتدرّبون إلا الواجبات المنشورة.
classroom-delete-title = أتحذف الواجب؟
classroom-delete-text = سيُحذف { $title } نهائيًا.
classroom-delete-refused = سلّم متدرّبون أعمالًا لهذا الواجب، فهو محفوظ. ألغِ نشره بدل حذفه.
classroom-back-to-assignments = العودة إلى الواجبات

## الأعمال المسلّمة والتصحيح
classroom-filter-label = اعرض
classroom-filter-all = الكل
classroom-filter-ungraded = غير المصحّحة
classroom-filter-late = المتأخرة
classroom-submissions-pagination = صفحات الأعمال المسلّمة
classroom-submissions-count = { $kind ->
    [zero] لم يُسلَّم شيء
    [one] عمل واحد
    [two] عملان
    [few] { $count } أعمال
   *[other] { $count } عملًا
}
classroom-no-results-title = لا شيء يطابق هذه التصفية
classroom-submissions-empty-title = لم يُسلَّم شيء بعد
classroom-submissions-empty-text = حين يسلّم متدرّب عمله، يظهر هنا لتصحّحه.
classroom-grading-title = التصحيح
classroom-work = العمل
classroom-earlier = النسخ السابقة
classroom-score-label = الدرجة (من ٠ إلى { $max })
classroom-score-hint = يمكن استعمال الكسور العشرية، حتى منزلتين، مثل ٧٫٥.
classroom-score-required = أدخل درجة.
classroom-feedback-hint = بصيغة Markdown: **عريض** و*مائل* وقوائم وروابط.
classroom-grade-refused = لم تُحفظ الدرجة. انظر الحقول أدناه.
classroom-saving = جارٍ الحفظ…
classroom-history = سجلّ الدرجات
classroom-history-given = الدرجة { $value }
classroom-history-changed = تغيّرت من { $from } إلى { $to }
classroom-history-feedback = تغيّرت الملاحظات
