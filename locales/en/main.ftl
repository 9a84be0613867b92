# CourseWorx, English. Every message here must also exist in ../ar/main.ftl
# (the i18n tests fail otherwise).

## Layout
app-name = CourseWorx
skip-to-content = Skip to main content
nav-label = Main
nav-sign-in = Sign in
nav-dashboard = Dashboard
user-menu-label = { $name }, account menu
user-menu-signed-in-as = Signed in as
user-menu-profile = Profile
user-menu-log-out = Log out
language-switch = Change language:
# The name of this language, in this language (shown on the switch to it).
language-name = English
footer-tagline = CourseWorx · Learning for training teams
footer-version = Version { $version }
breadcrumbs-label = Breadcrumb
breadcrumb-home = Home
action-save = Save changes

## Flash messages
flash-title-success = Success:
flash-title-info = Note:
flash-title-warning = Important:
flash-signed-out = You are signed out.
flash-password-changed = Your password was changed. Other devices were signed out.
flash-setup-done = CourseWorx is ready, and you are its first super admin.
flash-already-set-up = CourseWorx is already set up: sign in.
flash-profile-updated = Your profile was saved.
flash-avatar-updated = Your profile photo was changed.

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
error-404-title = Page not found
error-404-text = There is no page at this address. Check the address, or start again from the home page.
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
error-phone = Use only digits, spaces and + - ( ) .
error-avatar-required = Choose an image file.
error-avatar-too-large = The image is larger than { $size } MB: choose a smaller one.
error-avatar-type = Choose a JPEG, PNG or WebP image.

## Fields
field-email = Email address
field-password = Password
field-current-password = Current password
field-new-password = New password
field-confirm-password = Repeat the new password
field-first-name = First name
field-last-name = Last name
field-setup-token = Setup token
field-phone = Phone
field-avatar = Profile photo
field-optional = (optional)
hint-password = Between { $min } and { $max } characters.
hint-setup-token = The token in the setup link that CourseWorx wrote to its log when it started.
hint-phone = Digits, spaces and + - ( ) . — at most 20 characters.
hint-avatar = A JPEG, PNG or WebP image, at most { $size } MB.

## Sign in
login-title = Sign in
login-lead = Welcome back. Pick up where you left off.
login-submit = Sign in
login-forgot = Forgot your password? Ask your training administrator to reset it.
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
home-coming-title = What is coming
home-coming-trainer = Next, you will build courses here: sections, lessons, quizzes and assignments, and follow your trainees' progress.
home-coming-trainee = Next, you will find the course catalogue here, enrol, follow your lessons and earn certificates.

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
