"""Reading what residents write: the category model (:mod:`.category`), urgency
from the text (:mod:`.urgency`), repeated photos (:mod:`.photos`), near-duplicate
reports (:mod:`.duplicates`), and the shorthand and dialect forms they share
(:mod:`.lexicon`)."""
