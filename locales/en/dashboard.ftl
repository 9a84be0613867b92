# Dashboards, charts and a course's statistics page.

chart-nothing-yet = Nothing to show yet.
chart-show-numbers = Show the numbers
chart-band = { $low }–{ $high }%
chart-band-head = Range
chart-trainees = Trainees
chart-attempts = Attempts
chart-enrolments = Enrolments
chart-week-of = Week of
chart-session = Session
chart-rate = Attendance
chart-enrolments-title = Enrolments over time
chart-enrolments-summary = { $total } enrolments in the last 12 weeks, { $this } of them this week.
chart-progress-title = Progress distribution
chart-progress-summary = Of { $total } trainees, { $high } are at 80% or more and { $low } below 20%.
chart-scores-title = Quiz score distribution
chart-scores-summary = Of { $total } graded quiz attempts, { $high } scored 80% or more and { $low } below 20%.
chart-attendance-title = Attendance over time
chart-attendance-summary = { $kind ->
    [one] Attendance over { $count } session: { $rate }.
   *[other] Attendance over { $count } sessions: { $rate } overall.
}
chart-ring-summary = { $title }: { $rate }.
chart-ring-none = { $title }: nothing to measure yet.

dashboard-platform = The platform
dashboard-courses = Courses
dashboard-enrolments = Enrolments
dashboard-completions-week = Completions this week
dashboard-active-week = Active this week
dashboard-get-started = Get started
dashboard-step-done = Done
dashboard-start-trainer = Create a trainer account
dashboard-start-trainees = Import your trainees
dashboard-start-course = Create the first course
dashboard-top-courses = Top courses
dashboard-top-empty = No enrolments yet: the courses people join most will be listed here.
dashboard-top-line = { $count } enrolled · { $rate } completed
dashboard-attention = Needs attention
dashboard-attention-empty = Nothing waits for you: no work to grade and no session today.
dashboard-today = Today
dashboard-take-register = Take the register
dashboard-check-in-screen = Check-in screen
dashboard-pending-quizzes = { $kind ->
    [one] { $count } quiz attempt waits for manual grading
   *[other] { $count } quiz attempts wait for manual grading
}
dashboard-my-courses = My courses
dashboard-new-course = New course
dashboard-courses-empty-title = No courses yet
dashboard-courses-empty-text = Create your first course, add lessons and publish it to the catalogue.
dashboard-average-progress = Average progress
dashboard-trainees = { $kind ->
    [zero] No trainees
    [one] { $count } trainee
   *[other] { $count } trainees
}
dashboard-waiting = { $kind ->
    [one] { $count } to grade
   *[other] { $count } to grade
}

stats-title = Statistics
stats-lead = How { $title } is going: enrolments, progress, scores and attendance.
stats-figures = Figures
stats-total = Enrolments
stats-active = Learning now
stats-completed = Completed
stats-average-progress = Average progress
stats-average-score = Average score
stats-revenue = Revenue
stats-rates = Rates
stats-completion-rate = Completion rate
stats-attendance-rate = Attendance rate
stats-charts = Over time and by range
stats-as-of = Figures as of { $when }.
