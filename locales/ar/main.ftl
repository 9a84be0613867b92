# CourseWorx، العربية. كل رسالة هنا يجب أن توجد أيضًا في ../en/main.ftl
# (وإلا فشلت اختبارات الترجمة).

## Layout
app-name = CourseWorx
skip-to-content = انتقل إلى المحتوى الرئيسي
nav-label = القائمة الرئيسية
nav-sign-in = تسجيل الدخول
nav-dashboard = لوحة التحكم
nav-courses = الدورات
nav-teach = التدريس
nav-users = المستخدمون
user-menu-label = { $name }، قائمة الحساب
user-menu-signed-in-as = مسجّل الدخول باسم
user-menu-profile = الملف الشخصي
user-menu-log-out = تسجيل الخروج
language-switch = تغيير اللغة:
language-name = العربية
footer-tagline = CourseWorx · التعلّم لفرق التدريب
footer-version = الإصدار { $version }
footer-api = مرجع واجهة البرمجة

## API reference (/api/docs)
api-docs-title = مرجع واجهة البرمجة
api-docs-lead = واجهة JSON البرمجية لـ CourseWorx، الإصدار { $version }، للتكامل مع الأنظمة الأخرى. المرجع باللغة الإنجليزية.
api-docs-download = تنزيل مستند OpenAPI
api-docs-intro = البداية
api-docs-contents = العمليات
api-docs-needs-token = يتطلب رمزًا: Authorization: Bearer <token>.
api-docs-open = متاح للجميع.
api-docs-parameters = المعاملات
api-docs-request-body = متن الطلب
api-docs-responses = الاستجابات
api-docs-schemas = المخططات
api-docs-required = مطلوب
breadcrumbs-label = مسار التنقل
breadcrumb-home = الرئيسية
action-save = حفظ التغييرات
action-cancel = إلغاء

## Flash messages
flash-title-success = تم:
flash-title-info = ملاحظة:
flash-title-warning = مهم:
flash-title-error = خطأ:
flash-signed-out = تم تسجيل خروجك.
flash-password-changed = تم تغيير كلمة المرور، وتم تسجيل الخروج من الأجهزة الأخرى.
flash-setup-done = أصبح CourseWorx جاهزًا، وأنت أول مشرف عام فيه.
flash-already-set-up = تم إعداد CourseWorx مسبقًا: سجّل الدخول.
flash-user-updated = تم حفظ الحساب.
flash-user-deactivated = تم تعطيل الحساب وإنهاء جلساته. يمكن إعادة تفعيله في أي وقت.
flash-user-reactivated = تمت إعادة تفعيل الحساب: يمكنه تسجيل الدخول من جديد.
flash-user-deleted = تم حذف الحساب.
flash-profile-updated = تم حفظ ملفك الشخصي.
flash-avatar-updated = تم تغيير صورة ملفك الشخصي.
flash-course-created = تم إنشاء الدورة كمسودة: أضف غلافًا، ثم انشرها حين تصبح جاهزة.
flash-course-saved = تم حفظ الدورة.
flash-cover-updated = تم تغيير الغلاف.
flash-course-published = تم نشر الدورة: أصبحت تظهر في دليل الدورات.
flash-course-unpublished = تم إلغاء نشر الدورة: لا يراها الآن سواك والمشرفون العامون.
flash-course-deleted = تم حذف الدورة.

## Roles
role-super-admin = مشرف عام
role-trainer = مدرّب
role-trainee = متدرّب
role-super-admins = المشرفون العامون
role-trainers = المدرّبون
role-trainees = المتدرّبون

## Error pages
error-status = رمز الخطأ { $code }
error-go-home = الذهاب إلى الصفحة الرئيسية
error-csrf-title = انتهت صلاحية هذا النموذج
error-csrf-text = لحمايتك لم يُرسَل النموذج. ارجع، وأعد تحميل الصفحة، ثم حاول مرة أخرى.
error-403-title = لا يمكنك فتح هذه الصفحة
error-403-text = حسابك لا يمنحك الوصول إلى هذه الصفحة. إن كنت ترى أنه ينبغي ذلك، فاسأل المسؤول.
denied-not-super-admin = لا يستطيع فتح هذه الصفحة أو إدارة حسابات المستخدمين إلا المشرف العام.
denied-own-account = لا يمكنك خفض صلاحيات حسابك أو تعطيله أو حذفه. اطلب ذلك من مشرف عام آخر.
denied-not-own-profile = يمكنك تعديل ملفك الشخصي فقط.
denied-no-longer-super-admin = لم يعد حسابك مشرفًا عامًا نشطًا، لذلك لم يُجرَ هذا التغيير.
denied-last-super-admin = هذا آخر مشرف عام نشط. اجعل حسابًا آخر مشرفًا عامًا أولًا.
denied-account-deactivated = هذا الحساب معطَّل. اطلب من أحد المشرفين إعادة تفعيله.
denied-wrong-setup-token = رابط الإعداد غير صالح. استخدم الرابط الذي طبعه CourseWorx عند تشغيله.
denied-not-trainer = ينشئ الدورات المدربون والمشرفون العامون فقط.
denied-not-course-trainer = لا يغيّر هذه الدورة إلا مدربها أو مشرف عام.
denied-feature-is-super-admins = لا يميّز دورةً أو ينقلها إلى مدرب آخر إلا مشرف عام.
denied-not-enrolled = سجّل في هذه الدورة لتفتح دروسها وملفاتها.
denied-only-trainees = التسجيل في الدورات متاح لحسابات المتدربين فقط.
denied-enrolment-suspended = تسجيلك في هذه الدورة معلّق. تواصل مع مدرّبها.
denied-course-ended = انتهت هذه الدورة، لذا أُغلق التسجيل.
denied-course-full = جميع المقاعد في هذه الدورة محجوزة.
denied-no-attempts-left = لقد استنفدت كل المحاولات التي يسمح بها هذا الاختبار.
denied-attempt-closed = تم تسليم هذه المحاولة، فإجاباتها نهائية.
error-404-title = الصفحة غير موجودة
error-404-text = لا توجد صفحة على هذا العنوان. تحقّق من العنوان، أو ابدأ من الصفحة الرئيسية.
error-405-title = لا يمكن فتح هذا العنوان مباشرة
error-405-text = يستقبل هذا العنوان نموذجًا ولا يُفتح وحده. ارجع إلى الصفحة التي جئت منها، أو ابدأ من الصفحة الرئيسية.
error-400-title = تعذّر التعامل مع الطلب
error-400-text = في الطلب شيء لم يكن متوقعًا. ارجع وحاول مرة أخرى.
error-500-title = حدث خطأ ما
error-500-text = المشكلة من جهتنا وقد سُجّلت. يُرجى المحاولة بعد قليل.
error-503-title = CourseWorx غير متاح مؤقتًا
error-503-text = تعذّر على الخدمة الوصول إلى قاعدة بياناتها. يُرجى المحاولة بعد قليل.

## Form errors
error-prefix = خطأ:
error-summary-title = في هذا النموذج مشكلة
error-required = املأ هذا الحقل.
error-length = استخدم من { $min } إلى { $max } حرفًا.
error-too-long = استخدم { $max } حرفًا على الأكثر.
error-email = أدخل عنوان بريد إلكتروني مثل name@example.org.
error-current-password = هذه ليست كلمة مرورك الحالية.
error-password-same = اختر كلمة مرور مختلفة عن الحالية.
error-confirm-password = كلمتا المرور الجديدتان غير متطابقتين.
error-invalid = تحقّق من هذه القيمة.
error-language = اختر العربية أو الإنجليزية.
error-negative = استخدم ٠ أو عددًا أكبر.
error-sort = رتّب حسب أحد هذه: { $allowed }.
error-unknown-field = لا يمكن تعيين هذا الحقل هنا.
error-wrong-type = صيغة هذه القيمة غير صحيحة ({ $detail }).
error-phone = استخدم الأرقام والمسافات و + - ( ) . فقط.
error-role = اختر أحد الأدوار.
error-email-in-use = يستخدم حساب آخر عنوان البريد الإلكتروني هذا.
error-email-repeated = يظهر عنوان البريد الإلكتروني هذا في سطر سابق من الملف.
error-email-taken = يستخدم حساب آخر عنوان البريد الإلكتروني هذا.
error-csv-line = لا يمكن قراءة هذا السطر بصيغة CSV.
error-control = أزل فواصل الأسطر وغيرها من أحرف التحكم غير المرئية.
error-password-bytes = استخدم كلمة مرور أقصر: ٧٢ بايت على الأكثر (٧٢ حرفًا لاتينيًا؛ يُحسب كل حرف من الأبجديات الأخرى ٢ إلى ٤).
error-name-invisible = يحتاج الاسم إلى أحرف ظاهرة: هذا الاسم مكوَّن من مسافات أو أحرف غير مرئية فقط.
error-name-bidi = أزل أحرف اتجاه النص المخفية من هذا الاسم.
error-own-role = لا يمكنك نزع دور المشرف العام عن نفسك: اطلب ذلك من مشرف عام آخر.
error-avatar-required = اختر ملف صورة.
error-avatar-too-large = حجم الصورة أكبر من { $size } ميغابايت: اختر صورة أصغر.
error-avatar-type = اختر صورة بصيغة JPEG أو PNG أو WebP.
error-cover-required = اختر ملف صورة.
error-cover-too-large = حجم الصورة أكبر من { $size } ميغابايت: اختر صورة أصغر.
error-cover-type = اختر صورة بصيغة JPEG أو PNG أو WebP.
error-image-pixels = أبعاد الصورة أكبر من { $max } × { $max } بكسل: اختر صورة أصغر.
error-image-unreadable = تعذّرت قراءة الصورة: ربما تكون تالفة. اختر ملفًا آخر.
error-import-file-required = اختر ملف CSV.
error-import-too-large = حجم الملف أكبر من { $size } ميغابايت: قسّمه إلى ملفات أصغر.
error-price = أدخل سعرًا من 0 إلى 99,999,999.99 بخانتين عشريتين على الأكثر.
error-level = اختر مبتدئ أو متوسط أو متقدم.
error-positive = أدخل عددًا يساوي 1 أو أكثر.
error-date = أدخل التاريخ بالشكل YYYY-MM-DD.
error-end-before-start = يجب ألا يسبق تاريخ الانتهاء تاريخ البدء.
error-too-many = أدخل { $max } عنصرًا على الأكثر.
error-not-a-trainer = اختر مدربًا نشطًا.
error-range = أدخل عددًا من { $min } إلى { $max }.
error-content-type = اختر مستندًا أو صورة أو فيديو أو مقالة أو اختبارًا أو شهادة.
error-not-for-type = هذا لا ينطبق على هذا النوع من المحتوى.
error-type-fixed = لا يمكن تغيير النوع: أنشئ عنصرًا جديدًا بدلًا من ذلك.
error-article-format = اختر Markdown أو HTML.
error-show-answers = اختر: أبدًا، أو بعد كل محاولة، أو بعد النجاح.
error-placeholder = ليس {"{{"}{ $name }{"}}"} عنصرًا نائبًا. استخدم {"{{"}trainee_name{"}}"} أو {"{{"}course_title{"}}"} أو {"{{"}date{"}}"} أو {"{{"}trainer_name{"}}"}.
error-not-in-course = اختر قسمًا من هذه الدورة.
error-order-list = يجب أن تضم القائمة كل عنصر من الدورة مرة واحدة بالضبط.
error-question-type = اختر اختيارًا واحدًا أو اختيارًا متعددًا أو صح/خطأ أو نصًا.
error-options = أدخل من 2 إلى 20 خيارًا لسؤال الاختيار، ولا شيء للأنواع الأخرى.
error-option-repeated = يجب أن يختلف كل خيار عن الآخر.
error-correct-answer = حدّد الإجابة الصحيحة التي يحتاجها هذا النوع من الأسئلة.
error-grade-computed = تحسب هذه الدورة الدرجات من نتائج الاختبارات. أوقف ذلك لتضع الدرجة بنفسك.
error-grade = استخدم حرفًا من A إلى F، ويمكنك إضافة + أو - بعده.
error-enrolment-status = اختر: مسجّل أو مكتمل أو منسحب أو معلّق.
error-not-in-attempt = هذا السؤال ليس جزءًا من هذه المحاولة.
error-answer = اختر أحد خيارات السؤال، أو اكتب إجابة.
error-captions = اختر ملف ترجمة بصيغة WebVTT (‎.vtt) أو SubRip (‎.srt) محفوظًا كنص UTF-8.
error-language-tag = اكتب رمز لغة مثل en أو ar أو ar-EG.
error-attendance-status = اختر حاضر أو غائب أو متأخر أو بعذر.
error-repeated = هذا الشخص مذكور سابقًا في القائمة.
error-check-in-code = هذا ليس الرمز الظاهر على الشاشة الآن: ربما انتهت صلاحيته أو استُخدم. اكتب الرمز الظاهر.
error-format = اختر JSON أو CSV.

## Fields
field-email = البريد الإلكتروني
field-password = كلمة المرور
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-confirm-password = أعد كتابة كلمة المرور الجديدة
field-first-name = الاسم الأول
field-last-name = اسم العائلة
field-setup-token = رمز الإعداد
field-role = الدور
field-phone = الهاتف
field-avatar = صورة الملف الشخصي
field-import-file = ملف CSV
field-optional = (اختياري)
hint-password = من { $min } إلى { $max } حرفًا.
hint-setup-token = الرمز الموجود في رابط الإعداد الذي كتبه CourseWorx في سجلّه عند التشغيل.
hint-phone = أرقام ومسافات و + - ( ) . — بحد أقصى ٢٠ حرفًا.
hint-user-password = اتركها فارغة لإنشاء كلمة مرور مؤقتة تظهر مرة واحدة بعد الحفظ، وإلا فمن { $min } إلى { $max } حرفًا.
hint-avatar = صورة بصيغة JPEG أو PNG أو WebP، حجمها { $size } ميغابايت على الأكثر.
hint-import-file = ملف CSV بترميز UTF-8 لا يزيد على { $max } سطر و{ $size } ميغابايت.

## Sign in
login-title = تسجيل الدخول
login-lead = مرحبًا بعودتك. تابع من حيث توقفت.
login-submit = تسجيل الدخول
login-forgot = نسيت كلمة المرور؟ اطلب من مسؤول التدريب إعادة تعيينها.
logout-title = تسجيل الخروج؟
logout-lead = يُنهي تسجيل الخروج جلستك في هذا المتصفح.
logout-cancel = البقاء مسجّل الدخول
login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
login-deactivated = هذا الحساب معطّل. اطلب من المسؤول إعادة تفعيله.
login-locked = محاولات فاشلة كثيرة. حاول مرة أخرى بعد { $seconds } ثانية.

## First-run setup
setup-title = إعداد CourseWorx
setup-lead = أنشئ حساب المشرف العام الأول. سيتم تسجيل دخولك به.
setup-submit = إنشاء الحساب
setup-footer = تعمل هذه الصفحة فقط إلى أن يوجد أول مشرف عام.
setup-bad-token = رمز الإعداد غير صالح. استخدم الرابط الذي كتبه CourseWorx في سجلّه عند التشغيل.

## Password
password-title = تغيير كلمة المرور
password-lead = أدخل كلمة مرورك الحالية، ثم الجديدة مرتين.
password-required = اختر كلمة مرور جديدة بدلًا من المؤقتة قبل أن تتابع.
password-submit = تغيير كلمة المرور

## Profile
profile-title = ملفك الشخصي
profile-lead = حسابك كما يعرفه CourseWorx.
profile-details = تفاصيل الحساب
profile-change-password = تغيير كلمة المرور
profile-name = الاسم
profile-email = البريد الإلكتروني
profile-role = الدور
profile-phone = الهاتف
profile-member-since = عضو منذ
profile-last-sign-in = آخر تسجيل دخول
profile-never = لم يسجّل الدخول بعد
profile-language = اللغة
profile-edit = بياناتك
profile-edit-lead = يدير المسؤول عنوان بريدك الإلكتروني ودورك.
profile-avatar = صورة الملف الشخصي
profile-avatar-submit = رفع الصورة
avatar-alt = صورة الملف الشخصي لـ { $name }

## Pagination
pagination-previous = السابق
pagination-next = التالي
pagination-page = الصفحة { $page }
pagination-summary = عرض { $from }–{ $to } من { $total }
pagination-summary-none = لا شيء في هذه الصفحة؛ المجموع { $total }

## Users (super admin)
users-title = المستخدمون
users-lead = كل من يمكنه تسجيل الدخول إلى CourseWorx: ابحث وصفِّ، وافتح أي حساب لتعديله.
users-new = إضافة مستخدم
users-import = استيراد من CSV
users-export = تصدير بصيغة CSV
users-filter-label = تصفية المستخدمين
users-search = البحث بالاسم أو البريد الإلكتروني
users-filter-role = الدور
users-filter-any-role = كل الأدوار
users-filter-status = الحالة
users-filter-any-status = أي حالة
users-sort = الترتيب حسب
users-sort-newest = الأحدث أولًا
users-sort-oldest = الأقدم أولًا
users-sort-first-name = الاسم الأول، تصاعديًا
users-sort-first-name-desc = الاسم الأول، تنازليًا
users-sort-last-name = اسم العائلة، تصاعديًا
users-sort-last-name-desc = اسم العائلة، تنازليًا
users-sort-email = البريد الإلكتروني، تصاعديًا
users-sort-email-desc = البريد الإلكتروني، تنازليًا
users-sort-role = الدور، المشرفون العامون أولًا
users-sort-role-desc = الدور، المتدرّبون أولًا
users-sort-last-login = آخر تسجيل دخول، الأحدث أولًا
users-sort-last-login-asc = آخر تسجيل دخول، الأقدم أولًا
users-filter-apply = تطبيق
users-filter-clear = مسح عوامل التصفية
users-caption = المستخدمون، الصفحة { $page } من { $pages }
users-pagination-label = صفحات المستخدمين
users-empty-title = لا يوجد مستخدمون مطابقون
users-empty-text = لا أحد يطابق هذا البحث وعوامل التصفية هذه. جرّب كلمات أخرى أو عوامل تصفية أقل.
users-empty-all = عرض كل المستخدمين
users-past-last-title = هذه الصفحة بعد الصفحة الأخيرة
users-past-last-text = تنتهي القائمة عند الصفحة { $page }.
users-past-last-link = الذهاب إلى الصفحة الأخيرة
users-new-title = إضافة مستخدم
users-new-lead = يسجّل المستخدم الجديد الدخول بعنوان بريده الإلكتروني. إن لم تحدّد كلمة مرور، ينشئ CourseWorx كلمة مؤقتة تظهر لك مرة واحدة.
users-create-submit = إنشاء الحساب
users-created = تم إنشاء حساب { $name }.
users-temporary-password = كلمة المرور المؤقتة:
users-secret-once = تظهر هذه المرة فقط: انسخها الآن وأعطها لـ { $name }، وعليه تغييرها عند أول تسجيل دخول.
users-account = الحساب
users-password = كلمة المرور
users-password-temporary = مؤقتة: يجب تغييرها عند تسجيل الدخول التالي
users-password-own = اختارها المستخدم
users-edit = تعديل الحساب
users-actions = الإجراءات
users-own-account = هذا حسابك: يمكن لمشرف عام آخر تعطيله أو حذفه، أما أنت فلا.
users-deactivate = تعطيل
users-deactivate-title = تعطيل { $name }؟
users-deactivate-text = يُسجَّل خروج { $name } فورًا ولا يعود بإمكانه تسجيل الدخول. تبقى الدورات والدرجات والشهادات، ويمكن إعادة تفعيل الحساب لاحقًا.
users-reactivate = إعادة التفعيل
users-reactivate-title = إعادة تفعيل { $name }؟
users-reactivate-text = يمكن لـ { $name } تسجيل الدخول من جديد بكلمة مروره الحالية.
users-reset = إعادة تعيين كلمة المرور
users-reset-title = إعادة تعيين كلمة مرور { $name }؟
users-reset-text = يُسجَّل خروج { $name } من كل الأجهزة ويحصل على كلمة مرور مؤقتة تظهر لك مرة واحدة، وعليه تغييرها عند تسجيل الدخول التالي.
users-reset-done = تمت إعادة تعيين كلمة مرور { $name } وإنهاء جلساته.
users-delete = حذف
users-delete-title = حذف { $name }؟
users-delete-text = يُحذف حساب { $name } نهائيًا. لا يمكن حذف حساب يملك دورات أو لديه سجلات تعلّم: عطّله بدلًا من ذلك.
users-error-delete-in-use = يملك هذا الحساب دورات أو لديه سجلات تعلّم لا تُحذف معه أبدًا: عطّله بدلًا من ذلك.
users-error-own-deactivate = لا يمكنك تعطيل حسابك: اطلب ذلك من مشرف عام آخر.
users-error-own-delete = لا يمكنك حذف حسابك: اطلب ذلك من مشرف عام آخر.

## Import
import-title = استيراد المستخدمين
import-lead = أنشئ حسابات كثيرة دفعة واحدة من جدول بيانات محفوظ بصيغة CSV.
import-file-title = الملف
import-columns = يسمّي السطر الأول الأعمدة: firstName وlastName وemail، واختياريًا role (super_admin أو trainer أو trainee، وtrainee عند تركه فارغًا) وphone. وكل سطر بعده حساب واحد. تُفصل الأعمدة بفواصل أو بفواصل منقوطة، ويُستورد الملف الناتج عن «تصدير بصيغة CSV» كما هو (وتُتجاهل أعمدته الأخرى).
import-duration = { $max } سطر و{ $size } ميغابايت على الأكثر. تأمين كل حساب يستغرق لحظة: ملف من ٥٠٠ حساب يستغرق نحو دقيقتين، فأبقِ هذه الصفحة مفتوحة حتى يظهر التقرير.
import-busy = جارٍ الاستيراد… أبقِ هذه الصفحة مفتوحة حتى يظهر التقرير.
import-submit = استيراد
import-error-utf8 = يجب أن يكون الملف نصًا بترميز UTF-8: احفظه من جدول البيانات بصيغة "CSV UTF-8".
import-error-columns = يجب أن يسمّي السطر الأول الأعمدة firstName وlastName وemail (واختياريًا role وphone).
import-error-unknown-column = العمود { $column } غير معروف: استخدم firstName وlastName وemail وrole وphone.
import-error-too-many-lines = في الملف أكثر من { $max } سطر: قسّمه إلى ملفات أصغر.
import-error-unreadable = لا يمكن قراءة الملف بصيغة CSV.
import-report-title = تقرير الاستيراد
import-report-lead = كل أسطر الملف: الحسابات التي أُنشئت، والأسطر التي استُبعدت مع السبب.
import-again = استيراد ملف آخر
import-done = العودة إلى المستخدمين
import-created-count = الحسابات المُنشأة
import-rejected-count = الأسطر المرفوضة
import-created-title = الحسابات المُنشأة
import-created-none = لم يُنشأ أي حساب.
import-secrets-once = تظهر كلمات المرور المؤقتة في هذه الصفحة فقط: أعطِ كل شخص كلمته الآن، وعليه تغييرها عند أول تسجيل دخول.
import-rejected-title = الأسطر المرفوضة
import-rejected-none = تم استيراد كل الأسطر.
import-line = السطر
import-reason = السبب
import-no-email = (لم يُقرأ)

## Home
home-title = لوحة التحكم
home-welcome = مرحبًا، { $name }
home-lead-admin = المنصة في لمحة: الأشخاص والدورات والتعلّم.
home-lead-trainer = دوراتك، وما يحتاج إليك اليوم.
home-lead-trainee = مساحة تعلّمك.
home-latest-sign-ups = أحدث المنضمّين
home-latest-empty-title = لا يوجد مستخدمون بعد
home-latest-empty-text = يظهر الأشخاص هنا فور إنشاء حساباتهم.
home-status = الحالة
home-joined = تاريخ الانضمام
status-active = نشط
status-inactive = غير نشط

## Courses
level-beginner = مبتدئ
level-intermediate = متوسط
level-advanced = متقدّم
course-price-free = مجانية
landing-outline = مخطط الدورة
landing-more-lessons = دروس أخرى
landing-lessons = { $kind ->
    [zero] لا دروس
    [one] درس واحد
    [two] درسان
    [few] { $count } دروس
    [many] { $count } درسًا
   *[other] { $count } درس
}
course-duration-minutes = { $minutes } دقيقة
course-duration-hours = { $hours } ساعة
course-duration-hours-minutes = { $hours } ساعة و{ $minutes } دقيقة
course-full = مكتملة
course-places-left = { $kind ->
    [one] بقي مكان واحد
    [two] بقي مكانان
    [few] بقيت { $count } أماكن
    [many] بقي { $count } مكانًا
   *[other] بقي { $count } مكان
}
course-enrolments = { $kind ->
    [zero] لا متدرّبين مسجّلين
    [one] متدرّب واحد مسجّل
    [two] متدرّبان مسجّلان
    [few] { $count } متدرّبين مسجّلين
    [many] { $count } متدرّبًا مسجّلًا
   *[other] { $count } متدرّب مسجّل
}
course-rating-label = التقييم { $value } من 5
course-status-draft = مسودة
course-status-published = منشورة
course-featured = مميّزة
course-trainer = المدرّب
course-level = المستوى
course-duration = المدة
course-price = السعر
course-category = الفئة
course-dates = التواريخ
course-dates-range = من { $from } إلى { $to }
course-dates-from = ابتداءً من { $date }
course-dates-until = حتى { $date }
course-places = الأماكن
course-rating = التقييم
course-draft-notice = هذه الدورة مسودة: لا يرى هذه الصفحة إلا مدرّبها والمشرفون العامون.
course-taught-by = يقدّمها
course-edit = تعديل الدورة
course-facts = معلومات أساسية
course-outcomes = ما ستتعلّمه
course-requirements = المتطلبات
course-description = عن هذه الدورة

## Catalogue
catalogue-title = الدورات
catalogue-lead = اعثر على دورة: ابحث، وصفِّ حسب ما يهمّك، وافتح أي دورة لترى ما تعلّمه.
catalogue-lead-mine = كل الدورات التي تدرّسها، المنشورة منها والمسودات.
catalogue-tabs-label = أي الدورات
catalogue-tab-all = كل الدورات
catalogue-tab-mine = دوراتي
catalogue-filter-label = البحث في الدورات وتصفيتها
catalogue-search = ابحث في الدورات
catalogue-sort = الترتيب حسب
catalogue-more-filters = التصفية والترتيب
catalogue-any-category = كل الفئات
catalogue-any-level = أي مستوى
catalogue-min-price = أدنى سعر
catalogue-max-price = أعلى سعر
catalogue-featured-only = الدورات المميّزة فقط
catalogue-apply = بحث
catalogue-clear = مسح عوامل التصفية
catalogue-chips-label = تصفية سريعة:
catalogue-chip-on = مفعّل، اختره لإلغائه
catalogue-chip-featured = مميّزة
catalogue-found = { $kind ->
    [zero] لا دورات
    [one] دورة واحدة
    [two] دورتان
    [few] { $count } دورات
    [many] { $count } دورة
   *[other] { $count } دورة
}
catalogue-past-last-title = هذه الصفحة بعد الصفحة الأخيرة
catalogue-past-last-text = تنتهي القائمة عند الصفحة { $page }.
catalogue-past-last-link = الذهاب إلى الصفحة الأخيرة
catalogue-no-results-title = لا توجد دورات مطابقة
catalogue-no-results-text = لا تطابق أي دورة هذا البحث وعوامل التصفية هذه. جرّب كلمات أخرى أو عوامل تصفية أقل.
catalogue-empty-mine-title = ليست لديك دورات بعد
catalogue-empty-mine-text = أنشئ دورتك الأولى: أعطها عنوانًا ووصفًا، وانشرها حين تصبح جاهزة.
catalogue-empty-title = لا توجد دورات بعد
catalogue-empty-text = تظهر الدورات هنا فور نشرها من المدرّبين. عد قريبًا.
catalogue-empty-text-trainer = تظهر الدورات هنا بعد نشرها. أنشئ أول دورة.
catalogue-pagination-label = صفحات الدورات
catalogue-sort-newest = الأحدث أولًا
catalogue-sort-popularity = الأكثر تسجيلًا
catalogue-sort-rating = الأعلى تقييمًا
catalogue-sort-title = العنوان، أبجديًا
catalogue-sort-price = السعر، الأقل أولًا
catalogue-sort-price-desc = السعر، الأعلى أولًا

## Teaching (trainers)
teach-title = التدريس
teach-lead = الدورات التي تدرّسها: افتح أيًّا منها لتعديلها أو نشرها أو إضافة غلافها.
teach-new-course = دورة جديدة
teach-empty-title = أنشئ دورتك الأولى
teach-empty-text = ابدأ بعنوان ووصف: تبقى الدورة مسودة لا يراها غيرك حتى تنشرها.
teach-your-courses = دوراتك
teach-view = عرض
teach-pagination-label = صفحات دوراتك

## Course editor
editor-new-title = دورة جديدة
editor-new-lead = الأساسيات الآن، ويمكنك تغيير كل شيء لاحقًا. تبقى الدورة مسودة حتى تنشرها.
editor-details = تفاصيل الدورة
editor-create-submit = إنشاء الدورة
editor-group-about = عن الدورة
editor-group-learning = ما يحصل عليه المتدرّبون
editor-group-details = المستوى والمدة
editor-group-enrolment = السعر والأماكن
course-field-title = العنوان
course-field-short-description = وصف قصير
course-field-description = الوصف
course-field-tags = الوسوم
course-field-duration = المدة بالدقائق
course-field-max-students = أقصى عدد من المتدرّبين
course-field-start-date = تاريخ البدء
course-field-end-date = تاريخ الانتهاء
course-field-cover = صورة الغلاف
course-hint-short-description = جملة أو جملتان لبطاقة الدورة في الدليل، 500 حرف على الأكثر.
course-hint-description = موضوع الدورة. اترك سطرًا فارغًا بين الفقرات.
course-hint-lines = عنصر واحد في كل سطر.
course-hint-tags = افصل بين الوسوم بفواصل.
course-hint-duration = الوقت الكلي بالدقائق (90 لساعة ونصف).
course-hint-price = اتركه فارغًا لدورة مجانية. خانتان عشريتان على الأكثر، مثل 19.99.
course-hint-max-students = اتركه فارغًا لعدم تحديد عدد.
course-hint-cover = صورة بصيغة JPEG أو PNG أو WebP حجمها { $size } ميغابايت على الأكثر. تُعرض بنسبة 16:9، لذا تناسبها الصورة العريضة.
checklist-title = عنوان
checklist-description = وصف
checklist-content = درس منشور واحد على الأقل
checklist-cover = صورة غلاف (مقترحة)
checklist-done = تم
checklist-suggested = مقترح
checklist-missing = ناقص
editor-title = تعديل { $title }
editor-lead = غيّر التفاصيل والغلاف، وحدّد إن كان المتدرّبون يرون الدورة.
editor-view-page = عرض صفحة الدورة
editor-cover = الغلاف
editor-cover-drawn = إلى أن ترفع صورة، يُرسم هذا الغلاف من عنوان الدورة.
editor-cover-uploading = جارٍ رفع الغلاف…
editor-cover-progress = تقدّم الرفع
editor-cover-submit = رفع الغلاف
editor-publishing = النشر
editor-published-text = الدورة منشورة: تظهر في دليل الدورات ويمكن لأي شخص فتح صفحتها.
editor-draft-text = الدورة مسودة: لا يراها سواك والمشرفون العامون. قبل أن تنشرها:
editor-delete = حذف الدورة
course-publish = نشر
course-publish-title = نشر { $title }؟
course-publish-text = ستظهر الدورة في دليل الدورات، ويمكن لأي شخص فتح صفحتها.
course-unpublish = إلغاء النشر
course-unpublish-title = إلغاء نشر { $title }؟
course-unpublish-text = تخرج الدورة من دليل الدورات ولا يراها سواك والمشرفون العامون. يحتفظ المتدرّبون المسجّلون بسجلاتهم.
course-delete = حذف
course-delete-title = حذف { $title }؟
course-delete-text = تُحذف الدورة نهائيًا مع أقسامها ودروسها وملفاتها.
course-delete-text-enrolled = في هذه الدورة متدرّبون مسجّلون، لذا لا يمكن حذفها: ألغِ نشرها بدلًا من ذلك.
course-delete-refused = في هذه الدورة متدرّبون مسجّلون، لذا لم تُحذف. ألغِ نشرها بدلًا من ذلك: تخرج من دليل الدورات وتبقى سجلاتهم.

## Months, for dates
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## ---------------------------------------------------------------------------------
## محرّر الدورة: المخطط والأقسام والمحتويات بأنواعها والاختبارات والملفات
## (/teach/courses/{id}/outline, /teach/sections/..., /teach/contents/..., /teach/questions/...)
## ---------------------------------------------------------------------------------

breadcrumb-teach = التدريس
action-edit = تعديل
action-delete = حذف
status-published = منشور
status-draft = مسودة
decimal-separator = ٫
size-bytes = { $count } بايت
size-kb = { $count } ك.ب
size-mb = { $count } م.ب
field-title = العنوان
field-description = الوصف
field-section = القسم
field-points = النقاط
field-duration-minutes = المدة بالدقائق
field-content-type = النوع
field-content-required = مطلوب لإتمام الدورة
field-content-published = منشور
field-section-published = منشور
field-content-file = اختر ملفًا
field-article-format = صيغة الكتابة
field-article-content = النص
field-certificate-title = عنوان الشهادة
field-certificate-body = نص الشهادة
field-quiz-passing-score = درجة النجاح (٪)
field-quiz-max-attempts = عدد المحاولات المسموح بها
field-quiz-time-limit = الحد الزمني بالدقائق
field-quiz-draw-count = عدد الأسئلة في كل محاولة
field-quiz-show-answers = إظهار الإجابات الصحيحة
field-quiz-shuffle-questions = ترتيب الأسئلة عشوائيًا
field-quiz-shuffle-options = ترتيب خيارات أسئلة الاختيار عشوائيًا
field-question = السؤال
field-question-type = نوع السؤال
field-question-accepted = الإجابات المقبولة
field-question-manual = يصحّح شخصٌ الإجابات
field-question-explanation = الشرح
field-question-active = مستخدم في المحاولات
hint-section-published = لا يرى المتدربون القسم ومحتوياته المنشورة إلا بعد نشره.
hint-new-content-title = اتركه فارغًا ليُسمّى باسم نوعه؛ يمكنك تغيير الاسم في محرّره.
hint-content-description = سطر أو سطران يراهما المتدربون في المخطط.
hint-content-points = تُحتسب في درجة الدورة (من ٠ إلى ١٠٬٠٠٠).
hint-content-duration = الوقت الذي يستغرقه، ويظهر للمتدربين. اتركه فارغًا إن لم تكن تعرفه.
hint-content-required = على المتدربين إتمامه لإتمام الدورة.
hint-content-published = يستطيع المتدربون المسجّلون في الدورة فتحه.
hint-content-file = { $allowed }، حتى { $size } م.ب. يُتحقَّق من النوع من الملف نفسه.
hint-article-content = ماركداون: # عنوان، **عريض**، *مائل*، - قائمة، [رابط](https://example.org). تُزال النصوص البرمجية وعناصر HTML غير الآمنة عند عرض المقال.
hint-certificate-body = استخدم العناصر النائبة أدناه؛ ويُرفض أي شيء آخر بين قوسين معقوفين مزدوجين.
hint-quiz-max-attempts = اتركه فارغًا لمحاولات غير محدودة.
hint-quiz-time-limit = اتركه فارغًا لعدم تحديد وقت.
hint-quiz-draw-count = يُسحب هذا العدد من الأسئلة عشوائيًا في كل محاولة. اتركه فارغًا لاستخدامها كلها.
hint-options-single = املأ خيارين على الأقل وحدّد الإجابة الصحيحة الوحيدة. تُستبعد الصفوف الفارغة.
hint-options-multiple = املأ خيارين على الأقل وحدّد كل الإجابات الصحيحة. تُستبعد الصفوف الفارغة.
hint-question-accepted = افصل بين الإجابات التي قد يكتبها المتدرب بالرمز | (باريس | Paris). لا تهمّ حالة الأحرف ولا المسافات.
hint-question-manual = عندها اترك الإجابات المقبولة فارغة: ستصحّح كل إجابة بنفسك.
hint-question-explanation = يظهر مع التصحيح، حين يُظهر الاختبار الإجابات.
hint-question-active = يبقى السؤال غير المستخدم هنا لكنه لا يدخل في المحاولات الجديدة.
outline-title = المخطط
outline-heading = مخطط الدورة
outline-counts = الأقسام: { $count } · المحتويات: { $total }
outline-course-details = تفاصيل الدورة
outline-help = استخدم أزرار الأسهم لتغيير الترتيب، والقائمة لنقل محتوى إلى قسم آخر.
outline-help-drag = ويمكنك بالفأرة أيضًا سحب العنصر من مقبضه.
outline-empty-title = لا محتوى في هذه الدورة بعد
outline-empty-text = أضف أول فيديو أو مستند أو اختبار، أو ابدأ بالأقسام التي ستضمّها.
outline-add-content = إضافة محتوى
outline-add-section = إضافة قسم
outline-add-here = إضافة محتوى إلى { $name }
outline-new-is-draft = تبدأ المحتويات الجديدة مسودّات: انشرها من محرّرها حين تصبح جاهزة.
outline-no-section = بلا قسم
outline-no-section-hint = تأتي المحتويات التي لا قسم لها بعد الأقسام.
outline-section-count = المحتويات: { $count }
outline-section-empty = لا محتويات في هذا القسم بعد.
outline-section-empty-short = فارغ
outline-required = مطلوب
outline-move-up = نقل { $name } إلى الأعلى
outline-move-down = نقل { $name } إلى الأسفل
outline-move-up-short = إلى الأعلى
outline-move-down-short = إلى الأسفل
outline-move-to = نقل
outline-move-to-label = قسم { $name }
outline-edit = تعديل { $name }
outline-delete = حذف { $name }
outline-edit-outline = تعديل المخطط
outline-back = العودة إلى المخطط
outline-order-stale = تغيّر المخطط منذ فتح هذه الصفحة، فلم يُنقل شيء. هذا هو المخطط كما هو الآن: حاول مجددًا.
content-kind-video = فيديو
content-kind-document = مستند
content-kind-image = صورة
content-kind-article = مقال
content-kind-quiz = اختبار
content-kind-certificate = شهادة
content-kind-video-hint = MP4 أو WebM
content-kind-document-hint = PDF أو Word أو شرائح
content-kind-image-hint = JPEG أو PNG أو WebP
content-kind-article-hint = نص للقراءة
content-kind-quiz-hint = أسئلة تُصحَّح
content-kind-certificate-hint = تُمنح في النهاية
content-details = التفاصيل
content-quiz-settings = إعدادات الاختبار
content-article-legend = المقال
content-quiz-legend = طريقة سير الاختبار
content-certificate-legend = الشهادة
content-file = الملف
content-file-name = الاسم
content-file-size = الحجم
content-file-type = النوع
content-file-open = فتح الملف
content-file-replace = استبدال الملف
content-file-upload = رفع
content-file-unnamed = (بلا اسم)
content-captions = الترجمة النصية
content-captions-lead = ملف WebVTT (‎.vtt) أو SubRip (‎.srt). يستطيع المتعلمون تشغيل الترجمة في المشغّل.
content-captions-none = لا توجد ترجمة نصية بعد.
content-captions-language = اللغة
content-captions-language-none = غير محددة
content-captions-open = فتح ملف الترجمة
content-captions-remove = إزالة الترجمة
content-captions-upload = رفع الترجمة
field-content-captions = ملف الترجمة
field-content-captions-replace = استبدال الترجمة
hint-content-captions = نص WebVTT أو SubRip، حتى { $size } كيلوبايت.
field-captions-language = لغة الترجمة
hint-captions-language = رمز لغة مثل en أو ar أو ar-EG (اختياري).
content-no-file = لا ملف بعد. ارفع ملفًا: يستطيع المتدربون فتح هذا المحتوى حين يكون له ملف ويُنشر.
content-image-alt = صورة { $name }
content-delete = حذف هذا المحتوى
content-delete-title = حذف { $name }؟
content-delete-text = سيُحذف { $name } مع ما يحويه. لا يمكن التراجع عن ذلك.
content-delete-file = ويُحذف ملفه أيضًا.
content-delete-questions = وتُحذف أسئلته أيضًا (عددها { $count }).
content-delete-in-use = لدى المتدربين سجلات لهذا المحتوى، وهي لا تُحذف أبدًا: ألغِ نشره بدلًا من ذلك.
upload-progress = جارٍ الرفع
upload-busy = جارٍ رفع الملف…
upload-failed = انقطع الرفع. تحقّق من اتصالك وحاول مجددًا.
upload-types-video = فيديو MP4 أو WebM
upload-types-image = صورة JPEG أو PNG أو WebP أو GIF
upload-types-document = PDF أو Word (docx) أو PowerPoint (pptx) أو Excel (xlsx) أو نص OpenDocument (odt) أو نص عادي
error-content-file-type = نوع هذا الملف لا يناسب هذا المحتوى، فهو يقبل: { $allowed }. اختر ملفًا آخر.
error-content-file-too-large = الملف أكبر من { $size } م.ب: اختر ملفًا أصغر.
error-content-file-required = اختر ملفًا لرفعه.
error-content-file-unreadable = تعذّرت قراءة الملف المرفوع حتى نهايته. حاول مجددًا.
error-captions-required = اختر ملف ترجمة لرفعه.
error-captions-too-large = ملف الترجمة أكبر من { $size } كيلوبايت. لم يُرفع شيء.
article-format-markdown = ماركداون
article-format-html = HTML
article-preview = معاينة
article-preview-button = معاينة
article-preview-lead = كما سيقرؤه المتدربون. لم يُحفظ بعد.
certificate-placeholders = العناصر النائبة
certificate-placeholders-lead = اكتبها في العنوان أو النص؛ ويُستبدل كلٌّ منها عند إصدار الشهادة.
certificate-placeholder-trainee = الاسم الكامل للمتدرب
certificate-placeholder-course = عنوان الدورة
certificate-placeholder-date = تاريخ إتمام الدورة
certificate-placeholder-trainer = الاسم الكامل للمدرّب
quiz-questions = الأسئلة ({ $count })
quiz-empty-title = لا أسئلة بعد
quiz-empty-text = أضف السؤال الأول: اختر نوعه أدناه.
quiz-add-question = إضافة سؤال
quiz-show-after-attempt = بعد كل محاولة
quiz-show-after-pass = بعد النجاح
quiz-show-never = أبدًا
question-kind-single-choice = اختيار واحد
question-kind-multiple-choice = اختيار متعدد
question-kind-true-false = صح أو خطأ
question-kind-text = إجابة مكتوبة
question-number = السؤال { $count }
question-points = النقاط: { $count }
question-inactive = خارج المحاولات
question-options = الخيارات
question-option-number = الخيار { $count }
question-correct = صحيح
question-correct-answer = الإجابة الصحيحة:
question-accepted-answers = الإجابات المقبولة:
question-graded-by-person = يصحّحه شخص.
question-true = صح
question-false = خطأ
question-move-up = نقل السؤال { $count } إلى الأعلى
question-move-down = نقل السؤال { $count } إلى الأسفل
question-delete-named = حذف السؤال { $count }
question-new-title = سؤال جديد
question-edit-title = تعديل السؤال
question-add = إضافة السؤال
question-type-change-hint = تغيير النوع يُبقي نص السؤال ونقاطه وشرحه؛ راجع خياراته وإجابته.
question-delete = حذف السؤال
question-delete-title = حذف هذا السؤال؟
question-delete-text = سيُحذف السؤال { $name }. لا يمكن التراجع عن ذلك.
question-delete-attempts = للإبقاء عليه دون طرحه، ألغِ تحديد «مستخدم في المحاولات» بدلًا من ذلك.
section-edit-title = القسم
section-delete = حذف القسم
section-delete-title = حذف القسم { $name }؟
section-delete-text = سيُحذف القسم { $name }.
section-delete-contents = لا تُحذف محتوياته (عددها { $count }): تنتقل إلى «بلا قسم» في آخر المخطط.
section-delete-empty = لا يحوي أي محتوى.
flash-section-created = أُضيف القسم.
flash-section-saved = حُفظ القسم.
flash-section-deleted = حُذف القسم، وانتقلت محتوياته إلى «بلا قسم».
flash-content-created = أُضيف المحتوى مسودةً. املأه ثم انشره.
flash-content-saved = حُفظ المحتوى.
flash-content-deleted = حُذف المحتوى.
flash-content-moved = نُقل المحتوى إلى آخر قسمه الجديد.
flash-order-saved = حُفظ الترتيب الجديد.
flash-file-uploaded = رُفع الملف.
flash-captions-uploaded = رُفعت الترجمة النصية.
flash-captions-removed = أُزيلت الترجمة النصية.
flash-question-created = أُضيف السؤال.
flash-question-saved = حُفظ السؤال.
flash-question-deleted = حُذف السؤال.
