# Assignments and the work handed in for them (src/web/assignments, templates/assignments).

## Flash messages
flash-assignment-created = The assignment is set.
flash-assignment-saved = The assignment is saved.
flash-assignment-deleted = The assignment is deleted.
flash-work-handed-in = Your work is handed in.
flash-work-graded = The grade is saved.

## Shared
classroom-title = Assignments
classroom-kicker = Assignment
classroom-link = Assignments
classroom-player-link = Assignments of this course
classroom-pagination-label = Pages of assignments
classroom-due = Due { $date }
classroom-no-due-date = No due date
classroom-points = { $kind ->
    [one] { $count } point
   *[other] { $count } points
}
classroom-late-accepted = Late work accepted
classroom-closed = Closed
classroom-late = Late
classroom-score = { $value } out of { $max }
classroom-version = Version { $version }
classroom-handed-in-at = Handed in { $date }
classroom-status-not-handed-in = Not handed in
classroom-status-handed-in = Handed in (version { $version })
classroom-status-late = Handed in late (version { $version })
classroom-status-graded = Graded: { $value }
classroom-not-graded = Not graded

## The trainee's pages
classroom-learn-lead = What to hand in for { $title }, and how it went.
classroom-back-to-lessons = Back to the lessons
classroom-learn-empty-title = No assignments yet
classroom-learn-empty-text = When your trainer sets an assignment, it appears here with its due date.
classroom-brief = What to do
classroom-your-work = Your work
classroom-grade = Grade
classroom-feedback = Feedback
classroom-earlier-versions = { $kind ->
    [one] { $count } earlier version
   *[other] { $count } earlier versions
}
classroom-hand-in = Hand in your work
classroom-hand-in-again = Hand in again
classroom-hand-in-again-text = Until the due date, a new version replaces the one your trainer sees; every version is kept.
classroom-text = Your answer
classroom-text-hint = Write your answer here, attach files below, or both.
classroom-files = Files
classroom-files-hint = Up to { $count } files: documents (PDF, Word, PowerPoint, Excel, OpenDocument, text) or images, { $size } MB each at most.
classroom-uploading = Handing in…
classroom-upload-progress = Upload
classroom-preview = Trainees hand in their work on this page. You see it as they do, without the form.
classroom-see-submissions = See the work handed in
classroom-refused = Your work was not handed in, and nothing was kept.
classroom-refused-graded = This work has been graded, so it cannot be handed in again.
classroom-refused-past-due = The due date has passed, and this assignment takes no more work.
classroom-file-too-large = A file is larger than { $size } MB. Nothing was kept: choose smaller files.
classroom-file-type = A file is neither a document nor an image. Nothing was kept: send PDF, Word, PowerPoint, Excel, OpenDocument or text documents, or JPEG, PNG, WebP or GIF images.
classroom-upload-unreadable = The upload could not be read. Try again.
classroom-work-required = Write an answer or attach at least one file.

## The trainer's pages
classroom-teach-lead = The assignments of { $title }: set them, change them, and grade the work handed in.
classroom-new = New assignment
classroom-create = Set the assignment
classroom-teach-empty-title = No assignments yet
classroom-teach-empty-text = Set an assignment for your trainees to hand in work: a text, files, or both.
classroom-submissions = Work handed in
classroom-edit = Edit
classroom-delete = Delete
classroom-preview-link = See it as a trainee
classroom-edit-title = The assignment
classroom-field-title = Title
classroom-field-description = Instructions
classroom-field-description-hint = Plain text; leave a blank line between paragraphs.
classroom-field-due = Due date and time (UTC)
classroom-due-invalid = Enter a date and a time, or leave the field empty.
classroom-field-due-hint = In UTC, not your local time. Leave it empty for no due date.
classroom-field-points = Points
classroom-field-points-hint = The most a piece of work can score, from 0 to 10,000.
classroom-field-late = Accept late work
classroom-field-late-hint = After the due date, a trainee who has handed in nothing may still hand in once; it is marked late.
classroom-field-published = Published
classroom-field-published-hint = Trainees see only published assignments.
classroom-delete-title = Delete the assignment?
classroom-delete-text = { $title } will be deleted for good.
classroom-delete-refused = Trainees have handed in work for this assignment, so it is kept. Unpublish it instead of deleting it.
classroom-back-to-assignments = Back to the assignments

## The work handed in, and grading
classroom-filter-label = Show
classroom-filter-all = All
classroom-filter-ungraded = Ungraded
classroom-filter-late = Late
classroom-submissions-pagination = Pages of the work handed in
classroom-submissions-count = { $kind ->
    [zero] Nothing handed in
    [one] { $count } piece of work
   *[other] { $count } pieces of work
}
classroom-no-results-title = Nothing matches this filter
classroom-submissions-empty-title = Nothing handed in yet
classroom-submissions-empty-text = When a trainee hands in work, it appears here for you to grade.
classroom-grading-title = Grading
classroom-work = The work
classroom-earlier = Earlier versions
classroom-score-label = Score (0 to { $max })
classroom-score-hint = Decimals are fine, up to two places (7.5).
classroom-score-required = Enter a score.
classroom-feedback-hint = Markdown: **bold**, *italic*, lists and links.
classroom-grade-refused = The grade was not saved. See the fields below.
classroom-saving = Saving…
classroom-history = Grade history
classroom-history-given = Graded { $value }
classroom-history-changed = Changed from { $from } to { $to }
classroom-history-feedback = Feedback changed
