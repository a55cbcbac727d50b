"""`mathexams practice`: a local web app that quizzes one learner (or a class), checks every
answer with the engine's checker and leans the next review on what is weak.

One job per module: `models` (tables), `database` (engine, migrations, sessions), `store` (the
queries the pages need), `mastery` (the adaptive rule), `planning` (which questions a session
asks), `answers_form` (form fields <-> response text per answer kind), `preview` (the parser's
reading as LaTeX), `latex_html` (question text as HTML), `security` (CSRF and the access token),
`progress_plot` (the history's SVG), `app` (routes and pages) and `server` (the command).
The app keeps no state between requests: everything lives in the database.
"""
