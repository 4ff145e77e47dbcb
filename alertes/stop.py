"""Is this SMS reply a « STOP »? Tolerant of how it is typed, careful with a sentence that is not.

The rule (docs/alertes.md, « STOP »): the reply is folded (accents, case, punctuation, digits and
emoji removed) to its letters; it is a STOP when those letters are made **only** of

- stop words: « stop », « arrêt », « arrêter », « désabonner », « désinscription »… (at least one),
- polite words: « merci », « svp », « s'il vous plaît », « bonjour »…,
- words about the sending: « sms », « pub », « messages », « je », « veux », « ne », « plus »…

so « Stop. », « stop merci », « STOP SMS », « STOPSMS », « S.T.O.P », « Arrêt », « arret svp »,
« Désinscription », « je veux me désabonner » are STOP, while « Stop, je serai là demain » or
« Arrêt de bus Mairie ? » are not: they go to the inbox, where the team reads them and withdraws
the consent in one click if that is what the member meant.
"""

import re
import unicodedata

STOP_WORDS = frozenset(
    """
    stop stopp stoppe stopper stoppez
    arret arrete arreter arretez arrets
    desabonner desabonnez desabonne desabonnement desabonnements
    desinscription desinscrire desinscrivez desinscris desinscrit desinscrite
    unsubscribe
    """.split()
)
POLITE_WORDS = frozenset(
    """
    merci svp stp sil s il te vous plait please bonjour bonsoir salut cordialement
    madame monsieur ok okay oui bien
    """.split()
)
SENDING_WORDS = frozenset(
    """
    sms texto textos message messages pub pubs publicite publicites alerte alertes envoi envois
    newsletter newsletters info infos information informations mail mails courriel courriels
    je j veux voudrais souhaite ne n plus pas me m moi mon ma mes de d des du les vos votre
    recevoir envoyer m envoyez
    """.split()
)
VOCABULARY = STOP_WORDS | POLITE_WORDS | SENDING_WORDS
#: A longer reply is a sentence, left to a person (and keeps the segmentation cheap).
MAX_LETTERS = 120


def letters_of(text):
    """« Arrêt, SVP ! 🙏 » → « arretsvp »: accents folded, lower case, letters a–z only."""
    folded = unicodedata.normalize("NFKD", str(text or ""))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z]", "", folded)


def _segments(letters):
    """Whether ``letters`` splits into vocabulary words, one stop word among them at least."""
    # reachable[i] = (split of letters[:i] exists, with a stop word)
    reachable = [None] * (len(letters) + 1)
    reachable[0] = False
    longest = max(len(word) for word in VOCABULARY)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - longest), end):
            if reachable[start] is None:
                continue
            word = letters[start:end]
            if word in VOCABULARY:
                with_stop = reachable[start] or word in STOP_WORDS
                reachable[end] = bool(reachable[end]) or with_stop
    return bool(reachable[-1])


def is_stop(text):
    """True when the reply asks to stop receiving messages (see the module docstring)."""
    letters = letters_of(text)
    if not letters or len(letters) > MAX_LETTERS:
        return False
    return _segments(letters)
