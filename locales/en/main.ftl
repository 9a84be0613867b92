# CourseWorx, English. Every message here must also exist in ../ar/main.ftl
# (the i18n tests fail otherwise).

## Layout
app-name = CourseWorx
skip-to-content = Skip to main content
nav-label = Main
nav-sign-in = Sign in
nav-dashboard = Dashboard
nav-courses = Courses
nav-teach = Teach
nav-users = Users
user-menu-label = { $name }, account menu
user-menu-signed-in-as = Signed in as
user-menu-profile = Profile
user-menu-log-out = Log out
language-switch = Change language:
# The name of this language, in this language (shown on the switch to it).
language-name = English
footer-tagline = CourseWorx · Learning for training teams
footer-version = Version { $version }
footer-api = API reference

## API reference (/api/docs)
api-docs-title = API reference
api-docs-lead = The JSON API of CourseWorx, version { $version }, for integrations. The reference is in English.
api-docs-download = Download the OpenAPI document
api-docs-intro = Getting started
api-docs-contents = Operations
api-docs-needs-token = Needs a token: Authorization: Bearer <token>.
api-docs-open = Open to anyone.
api-docs-parameters = Parameters
api-docs-request-body = Request body
api-docs-responses = Responses
api-docs-schemas = Schemas
api-docs-required = required
breadcrumbs-label = Breadcrumb
breadcrumb-home = Home
action-save = Save changes
action-cancel = Cancel

## Flash messages
flash-title-success = Success:
flash-title-info = Note:
flash-title-warning = Important:
flash-title-error = Error:
flash-signed-out = You are signed out.
flash-password-changed = Your password was changed. Other devices were signed out.
flash-setup-done = CourseWorx is ready, and you are its first super admin.
flash-already-set-up = CourseWorx is already set up: sign in.
flash-user-updated = The account was saved.
flash-user-deactivated = The account was deactivated and its sessions ended. It can be reactivated at any time.
flash-user-reactivated = The account was reactivated: it can sign in again.
flash-user-deleted = The account was deleted.
flash-profile-updated = Your profile was saved.
flash-avatar-updated = Your profile photo was changed.
flash-course-created = The course was created as a draft: add a cover, then publish it when it is ready.
flash-course-saved = The course was saved.
flash-cover-updated = The cover was changed.
flash-course-published = The course is published: it shows in the catalogue.
flash-course-unpublished = The course is unpublished: only you and super admins can see it.
flash-course-deleted = The course was deleted.

## Roles
role-super-admin = Super admin
role-trainer = Trainer
role-trainee = Trainee
role-super-admins = Super admins
role-trainers = Trainers
role-trainees = Trainees

## Error pages
error-status = Error code { $code }
error-go-home = Go to the home page
error-csrf-title = This form has expired
error-csrf-text = For your security the form could not be sent. Go back, reload the page and try again.
error-403-title = You cannot open this page
error-403-text = Your account does not give access to this page. If you think it should, ask your administrator.
denied-not-super-admin = Only a super admin can open this page or manage user accounts.
denied-own-account = You cannot demote, deactivate or delete your own account. Ask another super admin.
denied-not-own-profile = You can only change your own profile.
denied-no-longer-super-admin = Your account is no longer an active super admin, so this change was not made.
denied-last-super-admin = This is the last active super admin. Make another account a super admin first.
denied-account-deactivated = This account is deactivated. Ask an administrator to reactivate it.
denied-wrong-setup-token = The setup link is not valid. Use the link CourseWorx printed when it started.
denied-not-trainer = Only trainers and super admins create courses.
denied-not-course-trainer = Only the course's trainer or a super admin may change this course.
denied-feature-is-super-admins = Only a super admin may feature a course or give it to another trainer.
denied-not-enrolled = Enrol in this course to open its lessons and files.
error-404-title = Page not found
error-404-text = There is no page at this address. Check the address, or start again from the home page.
error-405-title = This address is not a page to open
error-405-text = This address receives a form and cannot be opened on its own. Go back to the page you came from, or start again from the home page.
error-400-title = The request could not be handled
error-400-text = Something in the request was not as expected. Go back and try again.
error-500-title = Something went wrong
error-500-text = The problem is on our side and has been logged. Please try again in a moment.
error-503-title = CourseWorx is briefly unavailable
error-503-text = The service could not reach its database. Please try again in a moment.

## Form errors
error-prefix = Error:
error-summary-title = There is a problem with this form
error-required = Fill in this field.
error-length = Use between { $min } and { $max } characters.
error-too-long = Use at most { $max } characters.
error-email = Enter an email address like name@example.org.
error-current-password = This is not your current password.
error-password-same = Choose a password different from the current one.
error-confirm-password = The two new passwords do not match.
error-invalid = Check this value.
error-language = Choose English or Arabic.
error-negative = Use 0 or a larger number.
error-sort = Sort by one of: { $allowed }.
error-unknown-field = This field cannot be set here.
error-wrong-type = This value has the wrong form ({ $detail }).
error-phone = Use only digits, spaces and + - ( ) .
error-role = Choose one of the roles.
error-email-in-use = Another account already uses this email address.
error-email-repeated = This email address appears on an earlier line of the file.
error-email-taken = Another account already uses this email address.
error-csv-line = This line cannot be read as CSV.
error-control = Remove line breaks and other invisible control characters.
error-password-bytes = Use a shorter password: at most 72 bytes (72 Latin letters; letters of other alphabets count 2 to 4 each).
error-name-invisible = A name needs visible letters: this one is made only of spaces or invisible characters.
error-name-bidi = Remove the hidden text-direction characters from this name.
error-own-role = You cannot take away your own super admin role: ask another super admin.
error-avatar-required = Choose an image file.
error-avatar-too-large = The image is larger than { $size } MB: choose a smaller one.
error-avatar-type = Choose a JPEG, PNG or WebP image.
error-cover-required = Choose an image file.
error-cover-too-large = The picture is larger than { $size } MB: choose a smaller one.
error-cover-type = Choose a JPEG, PNG or WebP image.
error-image-pixels = The image is larger than { $max } × { $max } pixels: choose a smaller one.
error-image-unreadable = The image cannot be read: it may be damaged. Choose another file.
error-import-file-required = Choose a CSV file.
error-import-too-large = The file is larger than { $size } MB: split it into smaller files.
error-price = Enter a price from 0 to 99,999,999.99, with at most two decimals.
error-level = Choose beginner, intermediate or advanced.
error-positive = Enter a number of 1 or more.
error-date = Enter a date as YYYY-MM-DD.
error-end-before-start = The end date must not be before the start date.
error-too-many = Give at most { $max } items.
error-not-a-trainer = Choose an active trainer.
error-range = Enter a number from { $min } to { $max }.
error-content-type = Choose document, image, video, article, quiz or certificate.
error-not-for-type = This does not apply to this type of content.
error-type-fixed = The type cannot change: create a new item instead.
error-article-format = Choose Markdown or HTML.
error-show-answers = Choose never, after each attempt or after passing.
error-placeholder = {"{{"}{ $name }{"}}"} is not a placeholder. Use {"{{"}trainee_name{"}}"}, {"{{"}course_title{"}}"}, {"{{"}date{"}}"} or {"{{"}trainer_name{"}}"}.
error-not-in-course = Choose a section of this course.
error-order-list = The list must hold every item of the course exactly once.
error-question-type = Choose single choice, multiple choice, true/false or text.
error-options = Give 2 to 20 options for a choice question, and none for other types.
error-option-repeated = Each option must be different.
error-correct-answer = Mark the correct answer this type of question needs.

## Fields
field-email = Email address
field-password = Password
field-current-password = Current password
field-new-password = New password
field-confirm-password = Repeat the new password
field-first-name = First name
field-last-name = Last name
field-setup-token = Setup token
field-role = Role
field-phone = Phone
field-avatar = Profile photo
field-import-file = CSV file
field-optional = (optional)
hint-password = Between { $min } and { $max } characters.
hint-setup-token = The token in the setup link that CourseWorx wrote to its log when it started.
hint-phone = Digits, spaces and + - ( ) . — at most 20 characters.
hint-user-password = Leave it empty to generate a temporary password, shown once after saving. Otherwise between { $min } and { $max } characters.
hint-avatar = A JPEG, PNG or WebP image, at most { $size } MB.
hint-import-file = A UTF-8 CSV file of at most { $max } lines and { $size } MB.

## Sign in
login-title = Sign in
login-lead = Welcome back. Pick up where you left off.
login-submit = Sign in
login-forgot = Forgot your password? Ask your training administrator to reset it.
logout-title = Log out?
logout-lead = Logging out ends your session in this browser.
logout-cancel = Stay logged in
login-failed = The email address or password is not correct.
login-deactivated = This account is deactivated. Ask your administrator to reactivate it.
login-locked = Too many failed attempts. Try again in { $seconds } seconds.

## First-run setup
setup-title = Set up CourseWorx
setup-lead = Create the first super admin account. You will be signed in with it.
setup-submit = Create the account
setup-footer = This page works only until the first super admin exists.
setup-bad-token = The setup token is not valid. Use the link CourseWorx wrote to its log when it started.

## Password
password-title = Change your password
password-lead = Enter your current password, then the new one twice.
password-required = Choose a new password to replace the temporary one before you continue.
password-submit = Change password

## Profile
profile-title = Your profile
profile-lead = Your account as CourseWorx knows it.
profile-details = Account details
profile-change-password = Change password
profile-name = Name
profile-email = Email address
profile-role = Role
profile-phone = Phone
profile-member-since = Member since
profile-last-sign-in = Last sign-in
profile-never = Never
profile-language = Language
profile-edit = Your details
profile-edit-lead = Your email address and role are managed by your administrator.
profile-avatar = Profile photo
profile-avatar-submit = Upload the photo
avatar-alt = Profile photo of { $name }

## Pagination
pagination-previous = Previous
pagination-next = Next
pagination-page = Page { $page }
pagination-summary = Showing { $from }–{ $to } of { $total }
pagination-summary-none = Nothing on this page; { $total } in all

## Users (super admin)
users-title = Users
users-lead = Everyone who can sign in to CourseWorx: search, filter, and open an account to change it.
users-new = Add a user
users-import = Import from CSV
users-export = Export as CSV
users-filter-label = Filter users
users-search = Search by name or email
users-filter-role = Role
users-filter-any-role = All roles
users-filter-status = Status
users-filter-any-status = Any status
users-sort = Sort by
users-sort-newest = Newest first
users-sort-oldest = Oldest first
users-sort-first-name = First name, A to Z
users-sort-first-name-desc = First name, Z to A
users-sort-last-name = Last name, A to Z
users-sort-last-name-desc = Last name, Z to A
users-sort-email = Email, A to Z
users-sort-email-desc = Email, Z to A
users-sort-role = Role, super admins first
users-sort-role-desc = Role, trainees first
users-sort-last-login = Last sign-in, most recent first
users-sort-last-login-asc = Last sign-in, least recent first
users-filter-apply = Apply
users-filter-clear = Clear the filters
users-caption = Users, page { $page } of { $pages }
users-pagination-label = Pages of users
users-empty-title = No users match
users-empty-text = Nobody matches this search and these filters. Try other words or fewer filters.
users-empty-all = Show all users
users-past-last-title = This page is past the last one
users-past-last-text = The list ends at page { $page }.
users-past-last-link = Go to the last page
users-new-title = Add a user
users-new-lead = The new user signs in with their email address. Without a password, CourseWorx makes a temporary one, shown to you once.
users-create-submit = Create the account
users-created = The account of { $name } was created.
users-temporary-password = Temporary password:
users-secret-once = It is shown only this once: copy it now and give it to { $name }, who must change it at the first sign-in.
users-account = Account
users-password = Password
users-password-temporary = Temporary: must be changed at the next sign-in
users-password-own = Chosen by the user
users-edit = Edit the account
users-actions = Actions
users-own-account = This is your own account: another super admin can deactivate or delete it, you cannot.
users-deactivate = Deactivate
users-deactivate-title = Deactivate { $name }?
users-deactivate-text = { $name } is signed out at once and can no longer sign in. Courses, grades and certificates are kept, and the account can be reactivated later.
users-reactivate = Reactivate
users-reactivate-title = Reactivate { $name }?
users-reactivate-text = { $name } can sign in again with their current password.
users-reset = Reset password
users-reset-title = Reset the password of { $name }?
users-reset-text = { $name } is signed out everywhere and gets a temporary password, shown to you once, to change at the next sign-in.
users-reset-done = The password of { $name } was reset and their sessions ended.
users-delete = Delete
users-delete-title = Delete { $name }?
users-delete-text = The account of { $name } is removed for good. An account that owns courses or has learning records cannot be deleted: deactivate it instead.
users-error-delete-in-use = This account owns courses or has learning records, which are never deleted with it: deactivate it instead.
users-error-own-deactivate = You cannot deactivate your own account: ask another super admin.
users-error-own-delete = You cannot delete your own account: ask another super admin.

## Import
import-title = Import users
import-lead = Create many accounts at once from a spreadsheet saved as CSV.
import-file-title = The file
import-columns = The first line names the columns: firstName, lastName and email, and optionally role (super_admin, trainer or trainee; trainee when empty) and phone. Every other line is one account. Commas or semicolons separate the columns, and a file from "Export as CSV" imports as it is (its other columns are ignored).
import-duration = At most { $max } lines and { $size } MB. Each account takes a moment to secure: a file of 500 accounts takes about two minutes, so keep this page open until the report appears.
import-busy = Importing… keep this page open until the report appears.
import-submit = Import
import-error-utf8 = The file must be UTF-8 text: save it from the spreadsheet as "CSV UTF-8".
import-error-columns = The first line must name the columns firstName, lastName and email (and optionally role and phone).
import-error-unknown-column = The column { $column } is unknown: use firstName, lastName, email, role and phone.
import-error-too-many-lines = The file has more than { $max } lines: split it into smaller files.
import-error-unreadable = The file cannot be read as CSV.
import-report-title = Import report
import-report-lead = Every line of the file: the accounts created, and the lines left out with the reason.
import-again = Import another file
import-done = Back to the users
import-created-count = Accounts created
import-rejected-count = Lines rejected
import-created-title = Accounts created
import-created-none = No account was created.
import-secrets-once = The temporary passwords are shown only on this page: give each person theirs now. They must change it at the first sign-in.
import-rejected-title = Lines rejected
import-rejected-none = Every line was imported.
import-line = Line
import-reason = Reason
import-no-email = (not read)

## Home
home-title = Dashboard
home-welcome = Welcome, { $name }
home-lead-admin = An overview of the people on CourseWorx.
home-lead-trainer = Your trainer workspace.
home-lead-trainee = Your learning space.
home-users-by-role = Users by role
home-stat-total = All users
home-latest-sign-ups = Latest sign-ups
home-latest-empty-title = No users yet
home-latest-empty-text = People appear here as soon as their accounts are created.
home-status = Status
home-joined = Joined
status-active = Active
status-inactive = Inactive
home-your-profile = Your profile
home-see-profile = See your profile
home-courses-title = Courses
home-courses-admin = Every trainer's courses are in the catalogue, drafts included for you. Your own courses, and new ones, are under Teach.
home-courses-trainer = Create a course, give it a cover and publish it to the catalogue.
home-courses-trainee = Browse the published courses: search by subject, level or price.
home-courses-teach = Your courses
home-courses-catalogue = Browse the catalogue
home-coming-title = What is coming
home-coming-trainer = Next, you will add sections, lessons, quizzes and assignments to your courses, and follow your trainees' progress.
home-coming-trainee = Next, you will enrol in courses, follow your lessons and earn certificates.

## Courses
level-beginner = Beginner
level-intermediate = Intermediate
level-advanced = Advanced
course-price-free = Free
landing-outline = Course outline
landing-more-lessons = More lessons
landing-lessons = { $kind ->
    [one] { $count } lesson
   *[other] { $count } lessons
}
landing-type-video = Video
landing-type-document = Document
landing-type-image = Image
landing-type-article = Article
landing-type-quiz = Quiz
landing-type-certificate = Certificate
course-duration-minutes = { $minutes } min
course-duration-hours = { $hours } h
course-duration-hours-minutes = { $hours } h { $minutes } min
course-full = Full
course-places-left = { $kind ->
    [one] { $count } place left
   *[other] { $count } places left
}
course-enrolments = { $kind ->
    [zero] No trainees enrolled
    [one] { $count } trainee enrolled
   *[other] { $count } trainees enrolled
}
course-rating-label = Rated { $value } out of 5
course-status-draft = Draft
course-status-published = Published
course-featured = Featured
course-trainer = Trainer
course-level = Level
course-duration = Duration
course-price = Price
course-category = Category
course-dates = Dates
course-dates-range = { $from } to { $to }
course-dates-from = From { $date }
course-dates-until = Until { $date }
course-places = Places
course-rating = Rating
course-draft-notice = This course is a draft: only its trainer and super admins can see this page.
course-taught-by = Taught by
course-edit = Edit the course
course-facts = Key facts
course-outcomes = What you will learn
course-requirements = Requirements
course-description = About this course

## Catalogue
catalogue-title = Courses
catalogue-lead = Find a course: search, filter by what matters to you, and open one to see what it teaches.
catalogue-lead-mine = Every course you teach, published or draft.
catalogue-tabs-label = Which courses
catalogue-tab-all = All courses
catalogue-tab-mine = My courses
catalogue-filter-label = Search and filter courses
catalogue-search = Search courses
catalogue-sort = Sort by
catalogue-more-filters = Filters and sort
catalogue-any-category = All categories
catalogue-any-level = Any level
catalogue-min-price = Lowest price
catalogue-max-price = Highest price
catalogue-featured-only = Featured courses only
catalogue-apply = Search
catalogue-clear = Clear the filters
catalogue-chips-label = Quick filters:
catalogue-chip-on = on, select to turn off
catalogue-chip-featured = Featured
catalogue-found = { $kind ->
    [zero] No courses
    [one] { $count } course
   *[other] { $count } courses
}
catalogue-past-last-title = This page is past the last one
catalogue-past-last-text = The list ends at page { $page }.
catalogue-past-last-link = Go to the last page
catalogue-no-results-title = No courses match
catalogue-no-results-text = No course matches this search and these filters. Try other words or fewer filters.
catalogue-empty-mine-title = You have no courses yet
catalogue-empty-mine-text = Create your first course: give it a title and a description, and publish it when it is ready.
catalogue-empty-title = No courses yet
catalogue-empty-text = Courses appear here as soon as trainers publish them. Come back soon.
catalogue-empty-text-trainer = Courses appear here once they are published. Create the first one.
catalogue-pagination-label = Pages of courses
catalogue-sort-newest = Newest first
catalogue-sort-popularity = Most enrolled
catalogue-sort-rating = Best rated
catalogue-sort-title = Title, A to Z
catalogue-sort-price = Price, lowest first
catalogue-sort-price-desc = Price, highest first

## Teaching (trainers)
teach-title = Teach
teach-lead = The courses you teach: open one to edit it, publish it or add its cover.
teach-new-course = New course
teach-empty-title = Create your first course
teach-empty-text = Start with a title and a description: the course stays a draft, seen only by you, until you publish it.
teach-your-courses = Your courses
teach-view = View
teach-pagination-label = Pages of your courses

## Course editor
editor-new-title = New course
editor-new-lead = The essentials now; you can change everything later. The course stays a draft until you publish it.
editor-details = Course details
editor-create-submit = Create the course
editor-group-about = About the course
editor-group-learning = What trainees get
editor-group-details = Level and length
editor-group-enrolment = Price and places
course-field-title = Title
course-field-short-description = Short description
course-field-description = Description
course-field-tags = Tags
course-field-duration = Duration in minutes
course-field-max-students = Most trainees
course-field-start-date = Start date
course-field-end-date = End date
course-field-cover = Cover picture
course-hint-short-description = One or two sentences for the catalogue card, at most 500 characters.
course-hint-description = What the course is about. Leave an empty line between paragraphs.
course-hint-lines = One item per line.
course-hint-tags = Separate tags with commas.
course-hint-duration = The total time, in minutes (90 for an hour and a half).
course-hint-price = Leave it empty for a free course. Two decimals at most, like 19.99.
course-hint-max-students = Leave it empty for no limit.
course-hint-cover = A JPEG, PNG or WebP image of at most { $size } MB. It is shown at 16:9, so a wide picture works best.
checklist-title = A title
checklist-description = A description
checklist-content = At least one published lesson
checklist-cover = A cover picture (suggested)
checklist-done = Done
checklist-suggested = Suggested
checklist-missing = Missing
editor-title = Edit { $title }
editor-lead = Change the details, the cover and whether trainees can see the course.
editor-view-page = View the course page
editor-cover = Cover
editor-cover-drawn = Until you upload a picture, this cover is drawn from the course's title.
editor-cover-uploading = Uploading the cover…
editor-cover-progress = Upload progress
editor-cover-submit = Upload the cover
editor-publishing = Publishing
editor-published-text = The course is published: it shows in the catalogue and anyone can open its page.
editor-draft-text = The course is a draft: only you and super admins can see it. Before you publish it:
editor-delete = Delete the course
course-publish = Publish
course-publish-title = Publish { $title }?
course-publish-text = The course will show in the catalogue, and anyone can open its page.
course-unpublish = Unpublish
course-unpublish-title = Unpublish { $title }?
course-unpublish-text = The course leaves the catalogue and only you and super admins can see it. Enrolled trainees keep their records.
course-delete = Delete
course-delete-title = Delete { $title }?
course-delete-text = The course is removed for good, with its sections, lessons and files.
course-delete-text-enrolled = Trainees are enrolled in this course, so it cannot be deleted: unpublish it instead.
course-delete-refused = Trainees are enrolled in this course, so it was not deleted. Unpublish it instead: it leaves the catalogue and their records are kept.

## Months, for dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
