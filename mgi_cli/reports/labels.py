"""The reports' interface words in English, French and Spanish (catalogue texts, such as
objective and dimension names, come from the catalogue itself)."""

from __future__ import annotations

from functools import cache

from mgi_cli.languages import LANGUAGES

# Each key has its text in English, French and Spanish, in that order.
_LABELS: dict[str, tuple[str, str, str]] = {
    # Answers and what they mean
    "yes": ("Yes", "Oui", "Sí"),
    "partial": ("Partially", "Partiellement", "Parcialmente"),
    "no": ("No", "Non", "No"),
    "not_applicable": ("Not applicable", "Sans objet", "No aplica"),
    "suppressed": ("suppressed", "masqué", "omitido"),
    "in_place": ("In place", "En place", "Existente"),
    "missing": ("Missing", "Absent", "Ausente"),
    "unanswered": ("Not answered", "Sans réponse", "Sin respuesta"),
    # Every report
    "baseline": ("Baseline assessment", "Évaluation de référence", "Evaluación de referencia"),
    "follow_up": ("Follow-up assessment", "Évaluation de suivi", "Evaluación de seguimiento"),
    "assessed_on": ("assessed on", "évaluée le", "evaluada el"),
    "catalogue": ("catalogue", "catalogue", "catálogo"),
    "audience_public": ("for the public", "pour le public", "para el público"),
    "audience_government": (
        "for the authorities only",
        "réservé aux autorités",
        "solo para las autoridades",
    ),
    "withheld": (
        "Restricted answers not shown or counted here: {n}.",
        "Réponses confidentielles ni montrées ni comptées ici : {n}.",
        "Respuestas reservadas no mostradas ni contadas aquí: {n}.",
    ),
    "indicator": ("Indicator", "Indicateur", "Indicador"),
    "indicators": ("Indicators", "Indicateurs", "Indicadores"),
    "question": ("Question", "Question", "Pregunta"),
    "answer": ("Answer", "Réponse", "Respuesta"),
    "counts_as": ("Counts as", "Compte comme", "Cuenta como"),
    "dimension": ("Dimension", "Dimension", "Dimensión"),
    "not_ranking": (
        "The MGI are not a ranking: they do not compare countries with one another.",
        "Les IGM ne sont pas un classement : ils ne comparent pas les pays entre eux.",
        "Los IGM no son una clasificación: no comparan a los países entre sí.",
    ),
    # GCM
    "gcm_title": (
        "Global Compact for Migration",
        "Pacte mondial sur les migrations",
        "Pacto Mundial para la Migración",
    ),
    "gcm_intro": (
        "The indicators the catalogue links to each of the 23 objectives, and their answers.",
        "Les indicateurs que le catalogue relie à chacun des 23 objectifs, et leurs réponses.",
        "Los indicadores que el catálogo vincula a cada uno de los 23 objetivos, y sus respuestas.",
    ),
    "objective": ("Objective", "Objectif", "Objetivo"),
    "objective_n": ("Objective {n}", "Objectif {n}", "Objetivo {n}"),
    "linked": ("Linked indicators", "Indicateurs liés", "Indicadores vinculados"),
    "no_linked": (
        "No indicator of the catalogue is linked to this objective.",
        "Aucun indicateur du catalogue n'est lié à cet objectif.",
        "Ningún indicador del catálogo está vinculado a este objetivo.",
    ),
    # SDG 10.7.2
    "sdg_title": ("SDG indicator 10.7.2", "Indicateur ODD 10.7.2", "Indicador ODS 10.7.2"),
    "sdg_rule": (
        "Credit per answer: {credit}. Categories from the share met: Partially meets from "
        "{t2}, Meets from {t3}, Fully meets from {t4}. These values are configurable and not "
        "confirmed by the custodian agencies.",
        "Crédit par réponse : {credit}. Catégories selon la part atteinte : Satisfait "
        "partiellement à partir de {t2}, Satisfait à partir de {t3}, Satisfait pleinement à "
        "partir de {t4}. Ces valeurs sont paramétrables et non confirmées par les organismes "
        "responsables.",
        "Crédito por respuesta: {credit}. Categorías según la proporción cumplida: Cumple "
        "parcialmente desde {t2}, Cumple desde {t3}, Cumple plenamente desde {t4}. Estos "
        "valores son configurables y no están confirmados por los organismos custodios.",
    ),
    "domain": ("Policy domain", "Domaine", "Ámbito"),
    "counted": ("Counted", "Comptés", "Contados"),
    "met": ("Met", "Atteint", "Cumplido"),
    "share": ("Share met", "Part atteinte", "Proporción cumplida"),
    "category": ("Category", "Catégorie", "Categoría"),
    "credit": ("Credit", "Crédit", "Crédito"),
    "category_1": (
        "Requires further progress",
        "Nécessite des progrès supplémentaires",
        "Requiere más progresos",
    ),
    "category_2": ("Partially meets", "Satisfait partiellement", "Cumple parcialmente"),
    "category_3": ("Meets", "Satisfait", "Cumple"),
    "category_4": ("Fully meets", "Satisfait pleinement", "Cumple plenamente"),
    "all_domains": ("All domains", "Tous les domaines", "Todos los ámbitos"),
    "rule_mean": ("mean share", "part moyenne", "proporción media"),
    "rule_lowest": ("lowest domain", "domaine le plus bas", "ámbito más bajo"),
    "no_value": ("no value", "pas de valeur", "sin valor"),
    # Themes
    "themes_title": ("Cross-cutting themes", "Thèmes transversaux", "Temas transversales"),
    "theme": ("Theme", "Thème", "Tema"),
    "answered_share": ("Answered", "Répondu", "Respondido"),
    "in_place_share": (
        "In place (of applicable)",
        "En place (des applicables)",
        "Existente (de los aplicables)",
    ),
    "coverage": ("Coverage", "Couverture", "Cobertura"),
    "thin": ("thin", "faible", "escasa"),
    "adequate": ("adequate", "suffisante", "suficiente"),
    "few_indicators": (
        "fewer than {n} indicators",
        "moins de {n} indicateurs",
        "menos de {n} indicadores",
    ),
    "few_answered": ("less than {p} answered", "moins de {p} répondus", "menos de {p} respondidos"),
    "few_in_place": ("less than {p} in place", "moins de {p} en place", "menos de {p} existentes"),
    "no_tagged": (
        "No indicator is tagged with this theme.",
        "Aucun indicateur ne porte ce thème.",
        "Ningún indicador lleva este tema.",
    ),
    # Action plan
    "actions_title": ("Action plan", "Plan d'action", "Plan de acción"),
    "as_of": ("As of {date}", "Au {date}", "Al {date}"),
    "item": ("Item", "Action", "Acción"),
    "action": ("Action", "Mesure", "Medida"),
    "responsible": ("Responsible", "Responsable", "Responsable"),
    "due": ("Due", "Échéance", "Plazo"),
    "status": ("Status", "État", "Estado"),
    "overdue": ("overdue", "en retard", "vencida"),
    "overdue_count": ("Overdue items: {n}", "Actions en retard : {n}", "Acciones vencidas: {n}"),
    "days_overdue": ("{n} days overdue", "{n} jours de retard", "{n} días de retraso"),
    "action_planned": ("Planned", "Prévue", "Prevista"),
    "action_in_progress": ("In progress", "En cours", "En curso"),
    "action_done": ("Done", "Réalisée", "Realizada"),
    "action_dropped": ("Dropped", "Abandonnée", "Abandonada"),
    "progress": ("Progress", "Avancement", "Avance"),
    "no_actions": (
        "The matrix has no action plan.",
        "La matrice n'a pas de plan d'action.",
        "La matriz no tiene plan de acción.",
    ),
    "left_out_actions": (
        "Items linked to restricted answers not shown: {n}.",
        "Actions liées à des réponses confidentielles non montrées : {n}.",
        "Acciones vinculadas a respuestas reservadas no mostradas: {n}.",
    ),
    # Scores
    "score_title": (
        "Scores of the country's own progress",
        "Scores de progression du pays",
        "Puntuaciones del progreso del país",
    ),
    "score_note": (
        "These scores follow this country's own progress over time; they are not comparable "
        "between countries.",
        "Ces scores suivent la progression du pays dans le temps ; ils ne sont pas comparables "
        "d'un pays à l'autre.",
        "Estas puntuaciones siguen el progreso del país en el tiempo; no son comparables "
        "entre países.",
    ),
    "score_rule": (
        "Points per answer: {values}; other answers are left out. A dimension's score is the "
        "mean of its {dimension_from}.",
        "Points par réponse : {values} ; les autres réponses sont écartées. Le score d'une "
        "dimension est la moyenne de ses {dimension_from}.",
        "Puntos por respuesta: {values}; las demás respuestas se excluyen. La puntuación de "
        "una dimensión es la media de sus {dimension_from}.",
    ),
    "sub_areas": ("sub-areas", "sous-domaines", "subáreas"),
    "sub_area": ("Sub-area", "Sous-domaine", "Subárea"),
    "change": ("Change", "Évolution", "Cambio"),
    # Summary
    "summary_title": (
        "Migration governance: aggregated view",
        "Gouvernance des migrations : vue agrégée",
        "Gobernanza de la migración: vista agregada",
    ),
    "summary_intro": (
        "Counts of answers across {n} assessments; no country or locality is named, and "
        "figures drawn from fewer than {min} countries are suppressed.",
        "Nombre de réponses dans {n} évaluations ; aucun pays ni aucune localité n'est nommé, "
        "et les chiffres issus de moins de {min} pays sont masqués.",
        "Número de respuestas en {n} evaluaciones; no se nombra ningún país ni localidad, y "
        "se omiten las cifras procedentes de menos de {min} países.",
    ),
    "summary_by_dimension": ("By dimension", "Par dimension", "Por dimensión"),
    "summary_by_objective": (
        "By GCM objective",
        "Par objectif du Pacte mondial",
        "Por objetivo del Pacto Mundial",
    ),
    "summary_indicators": ("By indicator", "Par indicateur", "Por indicador"),
    "answers_total": ("Answers", "Réponses", "Respuestas"),
    "too_few": (
        "Fewer than {min} countries' assessments could be counted: no figure is shown.",
        "Les évaluations de moins de {min} pays ont pu être comptées : aucun chiffre n'est montré.",
        "Se pudieron contar evaluaciones de menos de {min} países: no se muestra ninguna cifra.",
    ),
}


@cache
def labels(lang: str) -> dict[str, str]:
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    return {key: texts[index] for key, texts in _LABELS.items()}


def label(key: str, lang: str) -> str:
    return labels(lang)[key]


def answer_names(lang: str) -> dict[str, str]:
    """Display names of the standard answers, and of a suppressed figure."""
    words = labels(lang)
    return {k: words[k] for k in ("yes", "partial", "no", "not_applicable", "suppressed")}
