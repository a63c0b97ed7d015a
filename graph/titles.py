"""Level and deal role suggested from a job title: ``suggest("VP Infrastructure")``.

A suggestion, never a fact: an import applies it only to new people whose file gives no level or
role, and the person form offers it when a title is typed. Either can be changed afterwards.

Levels (first matching rule wins, so "Head of Engineering" is management, not operations):

- **executive**: C-level and chiefs (CEO, CFO, CIO, CTO, CISO, COO, "Chief ... Officer"),
  presidents and vice presidents (VP, SVP, EVP, AVP), owners, founders, managing directors,
  general managers, partners, board members; in German Vorstand, Geschäftsführer(in),
  Bereichsleiter(in); in French PDG, DG, directeur/directrice général(e), président(e), and
  *directeur/directrice* followed by a function ("Directeur financier", "Directrice des
  systèmes d'information": in France a directeur of a function runs it company-wide, the
  equivalent of a VP); in Spanish and Portuguese director(a) general/geral, presidente,
  consejero delegado, diretor(a) executivo; in Italian amministratore delegato, direttore
  generale; in Dutch directeur, algemeen directeur, bestuurder; in the Nordic languages
  verkställande direktör (VD), administrerende direktør, toimitusjohtaja, direktør.
- **management**: heads, directors, managers, leads, team leads, supervisors, coordinators,
  product or program owners, architects at "principal"/"chief" grade are not special-cased;
  German Leiter(in), Abteilungsleiter(in), Teamleiter(in), Direktor(in); French responsable,
  chef de, manager; Spanish and Portuguese jefe/jefa, gerente, responsable, coordinador(a),
  director(a) (of a function), diretor(a); Italian responsabile, capo, direttore; Dutch hoofd,
  manager, teamleider, leidinggevende; Nordic chef, leder/ledare, päällikkö, johtaja.
- **operations**: everyone else with a recognisable hands-on title (engineer, analyst,
  developer, administrator, specialist, consultant, technician, operator, Ingenieur, Entwickler,
  ingénieur, développeur, ingeniero, desarrollador, ingegnere, sviluppatore, ontwikkelaar,
  engenheiro, utvecklare, insinööri ...). An empty or unknown title gives no level.

Deal role is suggested only where a title says it plainly, in this order: the head of the
company or a senior head of finance or procurement is the *economic buyer* (CEO,
Geschäftsführer, PDG, CFO, COO, "Head of Finance", Einkauf, achats, compras, acquisti, inkoop,
inköp); an SRE, operations, NOC, Betrieb, exploitation or drift title is the *operations owner*;
a senior technical title or any architect is the *technical buyer* (CIO, CTO, CISO, VP or head
of IT, engineering, infrastructure, security, systems); other hands-on titles are *primary
users*.
Champion, coach, influencer and blocker depend on behaviour, never on a title: no suggestion.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from graph.vocabulary import DealRole, Level


@dataclass(frozen=True)
class Suggestion:
    level: Level | None
    role: DealRole | None

    @property
    def empty(self) -> bool:
        return self.level is None and self.role is None


def _plain(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces: "Directrice Générale" -> "directrice
    generale"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " " + re.sub(r"[^a-z0-9]+", " ", ascii_text).strip() + " "


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f" (?:{p}) " for p in patterns))


# The C-suite abbreviations.
_C_LEVEL = r"ceo|cfo|cio|cto|ciso|coo|cso|cdo|cmo|cro|cpo|cco|cxo"
_TAIL = r"(?: [a-z]+)*"  # any words after the keyword: "VP Infrastructure", "Head of IT"

_EXECUTIVE = _words(
    _C_LEVEL,
    rf"(?:[a-z]+ )*chief{_TAIL}",
    rf"(?:s|e|a|senior |executive |group )?v ?p{_TAIL}",
    rf"(?:senior |executive |group )?vice president{_TAIL}",
    r"president|presidente|presidentin|founder|co founder|board member",
    rf"managing director|general manager{_TAIL}",
    rf"vorstand[a-z]*{_TAIL}|geschaftsfuhrer(?:in)?{_TAIL}|bereichsleiter(?:in)?{_TAIL}",
    rf"pdg|dg|(?:president )?directeur{_TAIL}|directrice{_TAIL}",
    rf"(?:director|directora|diretor|diretora) (?:general|geral|ejecutivo|ejecutiva|executivo|"
    rf"executiva){_TAIL}|consejero delegado|consejera delegada",
    r"amministratore delegato|direttore generale|direttrice generale",
    r"algemeen directeur|bestuurder|bestuursvoorzitter",
    r"verkstallande direktor|vd|administrerende direktor|adm dir|toimitusjohtaja",
)

_MANAGEMENT = _words(
    rf"(?:[a-z]+ )*head{_TAIL}",
    rf"(?:[a-z]+ )*(?:director|directora|diretor|diretora|direttore|direttrice|direktor|"
    rf"direktorin|direktør){_TAIL}",
    rf"(?:[a-z]+ )*(?:manager|managerin|lead|leader|supervisor|coordinator|coordinador|"
    rf"coordinadora|coordenador|coordenadora|teamleider|leidinggevende){_TAIL}",
    r"(?:[a-z]+ )*(?:product|program|programme) owner",
    rf"(?:[a-z]+ )*[a-z]*leiter(?:in)?{_TAIL}",
    rf"(?:[a-z]+ )*(?:responsable|responsabile|chef|cheffe|jefe|jefa|gerente|capo|hoofd|"
    rf"afdelingshoofd){_TAIL}",
    rf"(?:[a-z]+ )*[a-z]*(?:chef|leder|ledare|paallikko|johtaja){_TAIL}",
)

_OPERATIONS = _words(
    rf"(?:[a-z]+ )*[a-z]*(?:engineer|developer|analyst|administrator|admin|specialist|consultant|"
    rf"technician|operator|architect|scientist|programmer|designer|tester|officer|associate|"
    rf"assistant|support|sre|devops|dba){_TAIL}",
    rf"(?:[a-z]+ )*[a-z]*(?:ingenieur|ingenieurin|entwickler|entwicklerin|techniker|"
    rf"technikerin|developpeur|developpeuse|technicien|technicienne|administrateur|"
    rf"administratrice|administrador|administradora|ingeniero|ingeniera|desarrollador|desarrolladora|tecnico|tecnica|"
    rf"analista|ingegnere|sviluppatore|sviluppatrice|sistemista|ontwikkelaar|beheerder|"
    rf"engenheiro|engenheira|desenvolvedor|desenvolvedora|utvecklare|utvikler|udvikler|"
    rf"insinoori|kehittaja|tekniker|architekt|architekte|architecte|arquitecto|architetto)"
    rf"{_TAIL}",
)

_ANYWHERE = r"(?:[a-z]+ )*"
_MONEY = _words(
    r"ceo|cfo|coo|chief (?:executive|financial|operating|procurement|purchasing) officer",
    rf"{_ANYWHERE}[a-z]*(?:finance|financial|financier|financiere|procurement|purchasing|einkauf|"
    rf"achat|achats|compras|acquisti|inkoop|inkop|innkjop|hankinta|finanz|finanzen|finanzas|"
    rf"finanza|financas|financien|ekonomi|okonomi|talous)[a-z]*{_TAIL}",
)
_TECHNICAL = _words(
    r"cio|cto|ciso|cso|cdo",
    rf"{_ANYWHERE}(?:it|ict|ti|si|dsi|edv){_TAIL}",
    rf"{_ANYWHERE}[a-z]*(?:engineering|infrastructure|infrastruktur|infraestructura|"
    rf"infrastruttura|security|securite|sicherheit|seguridad|sicurezza|seguranca|architecture|"
    rf"technology|technical|technologie|tecnologia|informatique|information|informations|"
    rf"informatica|informatik|sistemas|sistemi|systemes|systems|digital|data|cloud|platform)"
    rf"[a-z]*{_TAIL}",
)
_ARCHITECT = _words(
    rf"{_ANYWHERE}[a-z]*(?:architect|architekt|architektin|architecte|arquitecto|arquiteto|"
    rf"architetto){_TAIL}"
)
# The executive who runs the whole company signs the deal.
_GENERAL = _words(
    r"ceo|chief executive officer|(?<!vice )president|(?<!vice )presidente",
    r"pdg|dg|managing director|founder",
    r"co founder|geschaftsfuhrer(?:in)?|vorstandsvorsitzender?|directeur general|directrice "
    r"generale|director general|directora general|diretor geral|diretora geral|consejero "
    r"delegado|consejera delegada|amministratore delegato|direttore generale|direttrice generale",
    r"algemeen directeur|bestuursvoorzitter|verkstallande direktor|vd|administrerende direktor",
    r"adm dir|toimitusjohtaja",
)
_OPERATIONS_OWNER = _words(
    rf"{_ANYWHERE}(?:sre|noc|ops|devops|itops|site reliability){_TAIL}",
    rf"{_ANYWHERE}[a-z]*(?:operations|operation|betrieb|exploitation|operaciones|operazioni|"
    rf"operacoes|drift|beheer|produktion|production)[a-z]*{_TAIL}",
)


def suggest_level(title: str) -> Level | None:
    plain = _plain(title)
    if plain.strip() == "":
        return None
    for level, pattern in (
        (Level.EXECUTIVE, _EXECUTIVE),
        (Level.MANAGEMENT, _MANAGEMENT),
        (Level.OPERATIONS, _OPERATIONS),
    ):
        if pattern.search(plain):
            return level
    return None


def suggest_role(title: str, level: Level | None = None) -> DealRole | None:
    plain = _plain(title)
    level = level if level is not None else suggest_level(title)
    if level is None:
        return None
    senior = level is not Level.OPERATIONS
    if (senior and _MONEY.search(plain)) or (level is Level.EXECUTIVE and _GENERAL.search(plain)):
        return DealRole.ECONOMIC_BUYER
    if _OPERATIONS_OWNER.search(plain):
        return DealRole.OPERATIONS_OWNER
    if (senior and _TECHNICAL.search(plain)) or _ARCHITECT.search(plain):
        return DealRole.TECHNICAL_BUYER
    if level is Level.OPERATIONS:
        return DealRole.PRIMARY_USER
    return None


def suggest(title: str) -> Suggestion:
    """Level and deal role a title suggests (either may be None: no guess)."""
    level = suggest_level(title)
    return Suggestion(level, suggest_role(title, level))


def offer(title: str, level: Level, role: DealRole) -> Suggestion | None:
    """What to offer a person whose level or role differ from what their title suggests.

    The person form shows it beside Level and Role (and the user picks, or not); None when the
    title suggests nothing, or nothing other than what is already set.
    """
    guess = suggest(title)
    differs = Suggestion(
        guess.level if guess.level not in (None, level) else None,
        guess.role if guess.role not in (None, role) else None,
    )
    return None if differs.empty else differs


def describe(suggestion: Suggestion) -> str:
    """ "Level Executive · Role Technical buyer": as the person form shows an offer."""
    parts = []
    if suggestion.level is not None:
        parts.append(f"Level {suggestion.level.label}")
    if suggestion.role is not None:
        parts.append(f"Role {suggestion.role.label}")
    return " · ".join(parts)
