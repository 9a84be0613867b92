# Learning: enrolling, the trainee's home, "My learning", the lesson player and its notes.

nav-learning = My learning

learning-percent = { $value }%
learning-progress = Progress
learning-next = Next:
learning-status-enrolled = In progress
learning-status-completed = Completed
learning-status-dropped = Dropped
learning-status-suspended = Suspended
learning-last-activity = Last studied { $date }
learning-continue = Continue
learning-open-course = Course page

# The course page's call to action.
enrol-sign-in = Sign in to enrol
enrol-action = Enrol now
enrol-busy = Enrolling…
enrol-note = Free to leave at any time.
enrol-join-waitlist = Join the waitlist
enrol-full-note = The course is full. You get a place as soon as one frees up.
enrol-waitlisted = On the waitlist
enrol-waiting-place = You are number { $value } in line.
enrol-start = Start learning
enrol-continue = Continue learning
enrol-drop = Drop this course
enrol-drop-title = Drop { $title }?
enrol-drop-text = You lose your place in the course. Your progress is kept if you enrol again.
enrol-leave = Leave the waitlist
enrol-leave-title = Leave the waitlist of { $title }?
enrol-leave-text = You lose your place in line.
enrol-completed-text = You finished this course.
enrol-certificates = See my certificates
enrol-review = Review the lessons
enrol-closed = Enrolment closed

flash-enrolled = You are enrolled. Start with the first lesson whenever you like.
flash-waitlisted = The course is full: you are on the waitlist.
flash-dropped = You dropped the course.
flash-left-waitlist = You left the waitlist.
flash-lesson-completed = Lesson marked complete.
flash-note-saved = Your note was saved.
flash-note-deleted = The note was deleted.

# The trainee's home.
home-learner-lead = Pick up where you left off, or find something new to learn.
home-resume-title = Continue where you left off
home-resume-next = Next lesson:
home-resume-done = Every lesson is done: well done.
home-my-courses = My courses
home-see-all = See all my learning
home-completed-count = { $kind ->
    [one] { $count } course completed
   *[other] { $count } courses completed
}
home-certificates = Certificates earned
home-certificate-issued = Issued { $date }
home-certificate-code = Code
home-certificates-all = All my certificates
home-empty-title = Start your first course
home-empty-text = Browse the catalogue, enrol in a course, and it shows up here with your progress.
home-idle-title = No course in progress
home-idle-text = You finished every course you started. Find the next one in the catalogue.
home-browse = Browse the catalogue

# "My learning".
learning-title = My learning
learning-lead = Every course you are enrolled in, with your progress.
learning-filter-label = Show
learning-filter-all = All
learning-pages = Pages of my learning
learning-empty-title = You are not enrolled in any course yet
learning-empty-text = Find a course in the catalogue and enrol: it shows up here.
learning-none-title = No course with this status
learning-none-text = Show every course instead.
learning-clear = Show all courses
learning-past-end = This page is past the end of the list.
learning-first-page = Go to the first page

# The lesson player.
player-outline = Course outline
player-outline-open = Outline
player-lesson-of = Lesson { $count } of { $total }
player-section-done = { $count } of { $total } done
player-more-lessons = More lessons
player-done = Done
player-current = Current lesson
player-previous = Previous
player-next = Next
player-complete = Mark complete
player-completed = Completed
player-completed-text = You completed this lesson.
player-download = Download
player-open-file = Open the file
player-no-file = The file of this lesson is not there yet.
player-pdf-note = Your browser may not show documents in the page: open or download the file.
player-video-fallback = Your browser cannot play this video here: download it instead.
player-video-resume = The video resumes where you stopped.
player-captions = Captions
player-captions-in = Captions ({ $language })
player-video-has-captions = Captions are available: turn them on with the player's CC button.
player-quiz-text = Answer the questions to complete this lesson.
player-quiz-start = Open the quiz
player-certificate-text = Your certificate is awarded when you complete the course.
player-course-done = You reached the end of the course.
player-back-to-course = Back to the course page

player-notes = My notes
player-notes-empty = No notes on this lesson yet.
player-note-label = New note
player-note-hint = Only you can read it unless you share it.
player-note-share = Share with the trainer
player-note-save = Save note
player-note-delete = Delete
player-note-delete-label = Delete the note of { $date }
player-note-shared = Shared with the trainer
player-note-private = Private
home-due-title = Due soon
home-due-quiz = Quiz
home-due-ends = Course ends { $date }
home-due-today = Ends today
home-due-days-left = { $kind ->
    [one] { $count } day left
   *[other] { $count } days left
}
home-due-lessons = { $kind ->
    [one] { $count } lesson left
   *[other] { $count } lessons left
}
home-due-assignment = Assignment
home-due-at = Due { $date }
home-due-handed-in = Handed in
home-due-today-assignment = Due today
home-grades-title = Recent grades
home-grade-score = { $score } / { $points } · { $value }
home-grade-passed = Passed
home-grade-failed = Not passed
home-grade-feedback = Feedback from your trainer
