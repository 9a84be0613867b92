# Taking quizzes, a course's roster and grading (src/web/quizzes, roster.rs, grading.rs).

## Flash messages
flash-answers-saved = Your answers are saved.
flash-attempt-submitted = Your quiz is submitted.
flash-enrolment-updated = The enrolment is updated.
flash-grade-saved = The grades are saved.

## The quiz's page
quiz-kicker = Quiz
quiz-fact-passing = Passing score
quiz-fact-time = Time limit
quiz-fact-attempts = Attempts
quiz-untimed = No time limit
quiz-minutes = { $kind ->
    [one] { $count } minute
   *[other] { $count } minutes
}
quiz-attempts-unlimited = Unlimited
quiz-attempts-left = { $count } of { $max } left
quiz-start-text = All questions are on one page. Your answers are saved as you go.
quiz-start = Start the quiz
quiz-starting = Starting…
quiz-try-again = Try again
quiz-in-progress = You have an attempt in progress.
quiz-resume = Continue the attempt
quiz-no-attempts-left = You have used every attempt this quiz allows.
quiz-preview-only = Trainees start the quiz from this page.
quiz-past-attempts = Your attempts
quiz-no-past = You have not taken this quiz yet.
quiz-question-points = { $kind ->
    [one] { $count } point
   *[other] { $count } points
}

## An attempt
attempt-number = Attempt { $value }
attempt-status-in-progress = In progress
attempt-status-pending = Waiting for grading
attempt-status-graded = Graded
attempt-passed = Passed
attempt-failed = Not passed
attempt-score = { $value } / { $max } points
attempt-score-so-far = { $value } / { $max } points so far
attempt-corrections-later = The corrections appear once your trainer has graded the attempt, if this quiz shows them.
attempt-percent = { $value }%
attempt-percent-label = Score
attempt-passing = Passing score: { $value }
attempt-time-left = Time left
attempt-ends-at = Ends at { $date }
attempt-time-warning = One minute left. The quiz is submitted when the time runs out.
attempt-saving = Saving…
attempt-saved = Saved
attempt-save-failed = Not saved. Check your connection; the Save button tries again.
attempt-navigator = Questions
attempt-answered = { $count } of { $total } answered
# Filled in by the page's script: keep %done% and %total% as they are.
attempt-answered-template = %done% of %total% answered
attempt-nav-answered = answered
attempt-nav-unanswered = not answered
attempt-question-number = Question { $value }
attempt-your-answer = Your answer
attempt-choose-all = Choose every answer that applies.
attempt-refused = Some answers could not be saved. They are marked below.
attempt-save = Save
attempt-submit = Submit the quiz
attempt-submit-hint = Once submitted, your answers cannot be changed.
attempt-result = Result
attempt-pending-text = Some answers are graded by your trainer. Your score is final once they have.
attempt-back-to-quiz = Back to the quiz
attempt-your-answers = Your answers
attempt-no-corrections = The correct answers are not shown for this quiz.
attempt-no-answer = No answer
attempt-points = Points
attempt-correct-answer = Correct answer
attempt-explanation = Explanation
attempt-feedback = Feedback
answer-correct = Correct
answer-incorrect = Incorrect
answer-partly-correct = Partly correct
answer-waiting = Waiting for grading

## The roster
roster-title = Roster
roster-lead = The trainees of { $title }: their progress, status and grade.
roster-enrol-link = Enrol trainees
roster-back-to-editor = Course editor
roster-filter-label = Status:
roster-filter-all = All
roster-pagination-label = Pages of trainees
roster-progress = Progress
roster-progress-value = { $value }%
roster-grade = Grade
roster-status = Status
roster-notes = Notes
roster-never = never
roster-last-activity = Last activity: { $date }
roster-change = Change
roster-change-refused = The enrolment was not changed. See the trainee's form below.
roster-empty-title = No trainees yet
roster-empty-text = Enrol trainees by e-mail address, or wait for them to enrol from the catalogue.
roster-no-results-title = No trainees with this status
roster-clear-filter = Show all trainees
roster-enrol-title = Enrol by e-mail
roster-emails = E-mail addresses
roster-emails-hint = One per line, or separated by commas. Each must be a trainee's account.
roster-enrol-submit = Enrol
roster-enrolling = Enrolling…
roster-report-title = Enrolment report
roster-report-summary = { $count } of { $total } enrolled.
enrolment-status-enrolled = Enrolled
enrolment-status-completed = Completed
enrolment-status-dropped = Dropped
enrolment-status-suspended = Suspended
enrol-result-enrolled = Enrolled
enrol-result-already-enrolled = Already enrolled
enrol-result-suspended = Suspended: change their enrolment
enrol-result-full = Not enrolled: the course is full
enrol-result-no-trainee = No trainee has this address
enrol-result-invalid = Not an e-mail address
enrol-result-repeated = Listed twice

## Grading
grading-title = Grading
grading-lead = Submitted quizzes with answers for you to grade, oldest first.
grading-waiting = { $kind ->
    [one] { $count } attempt waiting
   *[other] { $count } attempts waiting
}
grading-pagination-label = Pages of the grading queue
grading-empty-title = Nothing to grade
grading-empty-text = When a trainee submits a quiz with written answers, it appears here.
grading-back-to-courses = Your courses
grading-submitted = Submitted { $date }
grading-grade = Grade
grading-sheet-title = Grading
grading-answer = Answer
grading-points = Points (0 to { $max })
grading-feedback = Feedback
grading-save-next = Save and next
grading-save = Save
grading-refused = Some grades were not saved. They are marked below.
grading-nothing = Nothing in this attempt is graded by hand.
grading-back = Back to the queue
teach-grading-link = Grading queue
editor-roster-link = Roster
