# أداء الاختبارات، وقائمة متدرّبي الدورة، والتصحيح (src/web/quizzes, roster.rs, grading.rs).

## Flash messages
flash-answers-saved = حُفظت إجاباتك.
flash-attempt-submitted = سُلّم اختبارك.
flash-enrolment-updated = حُدّث التسجيل.
flash-grade-saved = حُفظت الدرجات.

## The quiz's page
quiz-kicker = اختبار
quiz-fact-passing = درجة النجاح
quiz-fact-time = المدة المحددة
quiz-fact-attempts = المحاولات
quiz-untimed = بلا حدّ زمني
quiz-minutes = { $kind ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
quiz-attempts-unlimited = غير محدودة
quiz-attempts-left = بقي { $count } من { $max }
quiz-start-text = كل الأسئلة في صفحة واحدة، وتُحفظ إجاباتك أولًا بأول.
quiz-start = ابدأ الاختبار
quiz-starting = جارٍ البدء…
quiz-try-again = حاول مرة أخرى
quiz-in-progress = لديك محاولة جارية.
quiz-resume = تابع المحاولة
quiz-no-attempts-left = استنفدت كل المحاولات التي يسمح بها هذا الاختبار.
quiz-preview-only = يبدأ المتدرّبون الاختبار من هذه الصفحة.
quiz-past-attempts = محاولاتك
quiz-no-past = لم تؤدِّ هذا الاختبار بعد.
quiz-question-points = { $kind ->
    [zero] { $count } نقطة
    [one] نقطة واحدة
    [two] نقطتان
    [few] { $count } نقاط
    [many] { $count } نقطة
   *[other] { $count } نقطة
}

## An attempt
attempt-number = المحاولة { $value }
attempt-status-in-progress = جارية
attempt-status-pending = بانتظار التصحيح
attempt-status-graded = مصحّحة
attempt-passed = ناجح
attempt-failed = لم ينجح
attempt-score = { $value } من { $max } نقطة
attempt-score-so-far = { $value } من { $max } نقطة حتى الآن
attempt-corrections-later = تظهر التصحيحات بعد أن يصحّح مدرّبك المحاولة، إن كان هذا الاختبار يعرضها.
attempt-percent = { $value }٪
attempt-percent-label = النتيجة
attempt-passing = درجة النجاح: { $value }
attempt-time-left = الوقت المتبقي
attempt-ends-at = ينتهي في { $date }
attempt-time-warning = بقيت دقيقة واحدة. يُسلَّم الاختبار عند انتهاء الوقت.
attempt-saving = جارٍ الحفظ…
attempt-saved = حُفظ
attempt-save-failed = لم يُحفظ. تحقّق من اتصالك؛ زر الحفظ يعيد المحاولة.
attempt-navigator = الأسئلة
attempt-answered = أُجيب عن { $count } من { $total }
# Filled in by the page's script: keep %done% and %total% as they are.
attempt-answered-template = أُجيب عن %done% من %total%
attempt-nav-answered = مُجاب
attempt-nav-unanswered = غير مُجاب
attempt-question-number = السؤال { $value }
attempt-your-answer = إجابتك
attempt-choose-all = اختر كل الإجابات الصحيحة.
attempt-refused = تعذّر حفظ بعض الإجابات. وُضعت عليها علامة أدناه.
attempt-save = احفظ
attempt-submit = سلّم الاختبار
attempt-submit-hint = بعد التسليم لا يمكن تغيير إجاباتك.
attempt-result = النتيجة
attempt-pending-text = يصحّح مدرّبك بعض الإجابات بنفسه، وتصبح نتيجتك نهائية بعد ذلك.
attempt-back-to-quiz = العودة إلى الاختبار
attempt-your-answers = إجاباتك
attempt-no-corrections = لا تُعرض الإجابات الصحيحة في هذا الاختبار.
attempt-no-answer = بلا إجابة
attempt-points = النقاط
attempt-correct-answer = الإجابة الصحيحة
attempt-explanation = الشرح
attempt-feedback = ملاحظات المدرّب
answer-correct = صحيحة
answer-incorrect = خاطئة
answer-partly-correct = صحيحة جزئيًا
answer-waiting = بانتظار التصحيح

## The roster
roster-title = قائمة المتدرّبين
roster-lead = متدرّبو { $title }: تقدّمهم وحالتهم وتقديرهم.
roster-enrol-link = سجّل متدرّبين
roster-back-to-editor = محرّر الدورة
roster-filter-label = الحالة:
roster-filter-all = الكل
roster-pagination-label = صفحات المتدرّبين
roster-progress = التقدّم
roster-progress-value = { $value }٪
roster-grade = التقدير
roster-status = الحالة
roster-notes = ملاحظات
roster-never = لا نشاط بعد
roster-last-activity = آخر نشاط: { $date }
roster-change = تعديل
roster-change-refused = لم يتغيّر التسجيل. راجع نموذج المتدرّب أدناه.
roster-empty-title = لا متدرّبين بعد
roster-empty-text = سجّل المتدرّبين بعناوين بريدهم، أو انتظر تسجيلهم من الفهرس.
roster-no-results-title = لا متدرّبين بهذه الحالة
roster-clear-filter = اعرض كل المتدرّبين
roster-enrol-title = التسجيل بالبريد الإلكتروني
roster-emails = عناوين البريد الإلكتروني
roster-emails-hint = عنوان في كل سطر، أو افصل بينها بفواصل. يجب أن يكون كل عنوان لحساب متدرّب.
roster-enrol-submit = سجّل
roster-enrolling = جارٍ التسجيل…
roster-report-title = تقرير التسجيل
roster-report-summary = سُجّل { $count } من { $total }.
enrolment-status-enrolled = مسجّل
enrolment-status-completed = أكمل
enrolment-status-dropped = منسحب
enrolment-status-suspended = موقوف
enrol-result-enrolled = سُجّل
enrol-result-already-enrolled = مسجّل من قبل
enrol-result-suspended = موقوف: عدّل تسجيله
enrol-result-full = لم يُسجَّل: الدورة ممتلئة
enrol-result-no-trainee = لا متدرّب بهذا العنوان
enrol-result-invalid = ليس عنوان بريد إلكتروني
enrol-result-repeated = مذكور مرتين

## Grading
grading-title = التصحيح
grading-lead = اختبارات مسلّمة فيها إجابات عليك تصحيحها، الأقدم أولًا.
grading-waiting = { $kind ->
    [zero] لا محاولات بانتظار التصحيح
    [one] محاولة واحدة بانتظار التصحيح
    [two] محاولتان بانتظار التصحيح
    [few] { $count } محاولات بانتظار التصحيح
    [many] { $count } محاولة بانتظار التصحيح
   *[other] { $count } محاولة بانتظار التصحيح
}
grading-pagination-label = صفحات قائمة التصحيح
grading-empty-title = لا شيء للتصحيح
grading-empty-text = حين يسلّم متدرّب اختبارًا فيه إجابات مكتوبة، يظهر هنا.
grading-back-to-courses = دوراتك
grading-submitted = سُلّم { $date }
grading-grade = صحّح
grading-sheet-title = التصحيح
grading-answer = الإجابة
grading-points = النقاط (من 0 إلى { $max })
grading-feedback = ملاحظات
grading-save-next = احفظ وانتقل إلى التالي
grading-save = احفظ
grading-refused = لم تُحفظ بعض الدرجات. وُضعت عليها علامة أدناه.
grading-nothing = لا شيء في هذه المحاولة يُصحَّح يدويًا.
grading-back = العودة إلى القائمة
teach-grading-link = قائمة التصحيح
editor-roster-link = قائمة المتدرّبين
