## Attendance: the register, the check-in screen, the trainee's check-in page

attendance-title = Attendance
attendance-lead = { $title }: the register of { $date }.
attendance-check-in-link = Show the check-in code
attendance-export = Export the last 30 days (CSV)
attendance-date = Session date
attendance-date-show = Show
attendance-hint = Everyone is marked present until you change it. Times are in UTC.
attendance-empty-title = No one to mark on this date
attendance-empty-text = Trainees appear here once they are enrolled; those who enrolled after this date are not on its register.
attendance-register-invalid = Some lines could not be saved. Nothing was saved: check the marked lines and save again.
attendance-status-of = Attendance of { $name }
attendance-notes-of = Notes on { $name }
attendance-notes = Notes (optional)
attendance-save = Save the register
attendance-present = Present
attendance-absent = Absent
attendance-late = Late
attendance-excused = Excused
attendance-signed-in-at = Signed in at { $from } UTC
attendance-signed-in-out = Signed in at { $from }, out at { $to } UTC ({ $minutes } min)
flash-attendance-saved = The register was saved.

check-in-title = Check-in
check-in-lead = Scan the code with your phone's camera to sign in.
check-in-or-type = Or open the course's check-in page and type:
check-in-code-label = Code:
check-in-count = Signed in today: { $count }
check-in-note = The code changes every 30 seconds and after each check-in; an old code is refused.
check-in-qr-label = QR code to sign in; the code is { $code }
check-in-full-screen = Full screen

attend-title = Sign in to today's session
attend-code = Check-in code
attend-code-hint = The six letters and digits on the trainer's screen.
attend-sign-in = Sign in
attend-sign-out = Sign out
attend-done = You have signed in and out today. See you next time.
attend-conflict = This could not be done now: you may already be signed in or out today, or today is not one of the course's days.
flash-signed-in-to-session = You are signed in for today.
flash-signed-out-of-session = You are signed out. Thank you for coming.
