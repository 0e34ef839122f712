"""quizgen: study-quiz generator for Party-learning sessions.

The data flows one way: read -> Document -> extract -> Fact -> Question -> Bank (YAML)
-> select -> render (docx | pdf | terminal | json).
"""

__version__ = "0.1.0"
