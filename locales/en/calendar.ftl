# The private calendar feed (`api::calendar`: what calendar applications show) and its
# panel on the profile page.
calendar-name = CourseWorx: { $name }
calendar-course = { $title }
calendar-course-starts = { $title } starts
calendar-course-ends = { $title } ends
calendar-course-learning = A course you are enrolled in.
calendar-course-teaching = A course you teach.
calendar-assignment-due = Due: { $title }
calendar-in-course = Course: { $title }
calendar-points = Points: { $points }
calendar-attendance = { $title }: { $value }
calendar-signed-in = Signed in: { $value }
calendar-signed-out = Signed out: { $value }
calendar-register = Register: { $title }
calendar-count = { $value }: { $count }
calendar-panel = Calendar
calendar-panel-lead = Subscribe to this address in Google Calendar, Outlook or Apple Calendar to see your course dates, due dates and sessions there. It keeps itself up to date.
calendar-panel-private = Keep it private: anyone who has the address can see your calendar. If you shared it by mistake, reset the link; the old address stops working at once.
calendar-url-label = Your private calendar address
calendar-copy = Copy
calendar-copied = Copied
calendar-reset = Reset link
flash-calendar-reset = Your calendar has a new address and the old one no longer works. Subscribe again with the new one.
