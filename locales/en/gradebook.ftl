## The gradebook

gradebook-title = Gradebook
gradebook-lead = Every trainee's marks on the published assignments and quizzes. A total counts work not handed in or not graded as 0; each quiz weighs 100 points.
gradebook-csv = Download as CSV
gradebook-empty-title = No trainees yet
gradebook-empty-text = Trainees appear here once they are enrolled.
gradebook-caption = Marks in { $title }
gradebook-trainee = Trainee
gradebook-out-of = out of { $points }
gradebook-quiz = quiz, best %
gradebook-total = Total
gradebook-grade = Grade
gradebook-grade-of = Grade of { $name }
gradebook-save = Save
gradebook-ungraded = To grade
gradebook-late = Late
gradebook-pagination-label = Pages of the gradebook
gradebook-link = Gradebook
