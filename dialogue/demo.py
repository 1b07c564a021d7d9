"""Fictional demo data: a coordinator and one sample dialogue per country, each with its lead.

Later phases add their part through their own demo functions.
"""
from __future__ import annotations

from . import services
from .extensions import db

DEMO_PASSWORD = "demo-dialogue-2026"

COORDINATOR = ("coordinator@demo.example", "Amina Diallo")

#: (lead e-mail, lead name, facilitator e-mail, facilitator name, dialogue fields)
DIALOGUES = [
    (
        "lead.capeverde@demo.example", "Carla Tavares", "facilitator.capeverde@demo.example", "Nuno Fortes",
        dict(
            title="Água para a agricultura no vale da Ribeira Seca",
            country="CV", locality="Santa Cruz, ilha de Santiago", languages=["pt", "kea"],
            organisation="Associação Terra Viva (fictícia)", content_language="pt",
            challenge=(
                "Os agricultores do vale dependem de furos que estão a secar e a salinizar. A câmara municipal, "
                "a empresa de águas, as associações de agricultores e a universidade têm planos diferentes e não "
                "falam entre si. Queremos chegar a uma visão comum sobre a partilha e a poupança da água."
            ),
        ),
    ),
    (
        "lead.ecuador@demo.example", "Lucía Quishpe", "facilitator.ecuador@demo.example", "Diego Andrade",
        dict(
            title="Manglares y pesca artesanal en el estuario",
            country="EC", locality="Puerto El Morro, Guayas", languages=["es"],
            organisation="Fundación Raíces del Manglar (ficticia)", content_language="es",
            challenge=(
                "La tala de manglar para camaroneras y la pesca intensiva reducen la captura de cangrejo y concha. "
                "Las asociaciones de pescadores, las camaroneras, el municipio y el Ministerio del Ambiente se "
                "culpan mutuamente. Buscamos acuerdos para el uso sostenible del manglar."
            ),
        ),
    ),
    (
        "lead.kenya@demo.example", "Grace Wanjiru", "facilitator.kenya@demo.example", "Peter Lokorio",
        dict(
            title="Sharing water between herders and farmers in Isiolo",
            country="KE", locality="Isiolo County", languages=["en", "sw"],
            organisation="Pamoja Water Forum (fictional)", content_language="en",
            challenge=(
                "Droughts push herders towards the river where farmers have expanded irrigation, and disputes "
                "over water points have turned violent. County government, water users' associations, herders, "
                "farmers and conservancies need a shared plan for water points and grazing corridors."
            ),
        ),
    ),
    (
        "lead.nigeria@demo.example", "Ngozi Okafor", "facilitator.nigeria@demo.example", "Ibrahim Musa",
        dict(
            title="Safe and clean markets for women traders in Onitsha",
            country="NG", locality="Onitsha, Anambra State", languages=["en", "ig"],
            organisation="Market Women Development Initiative (fictional)", content_language="en",
            challenge=(
                "Women traders face harassment, poor sanitation and unpredictable levies in the main market. "
                "The local government, the market association, waste contractors, health workers and the "
                "police each hold part of the solution, but no forum brings them together."
            ),
        ),
    ),
    (
        "lead.uganda@demo.example", "Sarah Namukasa", "facilitator.uganda@demo.example", "Joseph Okello",
        dict(
            title="Youth jobs in waste recycling in Kampala",
            country="UG", locality="Kawempe Division, Kampala", languages=["en", "lg", "sw"],
            organisation="Green Hands Uganda (fictional)", content_language="en",
            challenge=(
                "Thousands of young people collect and sort waste without protection or fair prices, while the "
                "city struggles with uncollected rubbish. The city authority, recyclers, manufacturers, youth "
                "groups and researchers want to turn recycling into decent work."
            ),
        ),
    ),
]


#: translations of what the partners wrote: (country, field, language, text, reviewed)
TRANSLATIONS = [
    ("CV", "title", "en", "Water for farming in the Ribeira Seca valley", True),
    ("CV", "challenge", "en",
     "Farmers in the valley depend on boreholes that are drying up and turning salty. The municipality, the "
     "water company, the farmers' associations and the university have different plans and do not talk to "
     "each other. We want to reach a shared vision on sharing and saving water.", True),
    ("EC", "title", "en", "Mangroves and small-scale fishing in the estuary", True),
    ("EC", "challenge", "en",
     "Clearing mangroves for shrimp farms and intensive fishing are reducing the catch of crab and shellfish. "
     "The fishers' associations, the shrimp farms, the municipality and the Ministry of the Environment blame "
     "each other. We are looking for agreements on the sustainable use of the mangrove.", False),
    ("KE", "title", "sw", "Kugawana maji kati ya wafugaji na wakulima katika Isiolo", True),
    ("KE", "challenge", "sw",
     "Ukame unawasukuma wafugaji kuelekea mtoni ambako wakulima wamepanua kilimo cha umwagiliaji, na mizozo "
     "kuhusu vituo vya maji imegeuka kuwa ya vurugu. Serikali ya kaunti, vyama vya watumiaji maji, wafugaji, "
     "wakulima na hifadhi za jamii wanahitaji mpango wa pamoja wa vituo vya maji na njia za malisho.", False),
    ("UG", "title", "sw", "Ajira kwa vijana katika urejelezaji wa taka jijini Kampala", False),
]

#: an original edited after its translation was made, so the translation shows as outdated
EDITED_AFTER_TRANSLATION = ("KE", "challenge", (
    " Since the last dry season, two water points have been closed after clashes."
))


def _add_translations(dialogues: dict, people: dict) -> None:
    from . import content

    for country, field_name, lang, text, reviewed in TRANSLATIONS:
        dialogue = dialogues[country]
        lead, facilitator = people[country]
        row = content.save_translation(dialogue, field_name, lang, text, actor=lead)
        if reviewed:
            content.mark_reviewed(row, dialogue, actor=facilitator)
    country, field_name, addition = EDITED_AFTER_TRANSLATION
    dialogue = dialogues[country]
    lead = people[country][0]
    services.update_dialogue(dialogue, lead, version=dialogue.version,
                             **{field_name: getattr(dialogue, field_name) + addition})


def load_demo() -> list[tuple[str, str]]:
    """Create the demo accounts and dialogues; returns (login, description) lines to print."""
    logins = []
    coordinator, _ = services.create_user(COORDINATOR[0], role="coordinator", name=COORDINATOR[1],
                                          password=DEMO_PASSWORD)
    logins.append((coordinator.email, "coordinator: sees every dialogue, creates accounts"))
    dialogues, people = {}, {}
    for lead_email, lead_name, fac_email, fac_name, fields in DIALOGUES:
        lead, _ = services.create_user(lead_email, role="partner", name=lead_name, password=DEMO_PASSWORD)
        dialogue = services.create_dialogue(lead, **fields)
        services.invite_member(dialogue, lead, email=fac_email, name=fac_name, role="facilitator")
        facilitator = services.find_user(fac_email)
        facilitator.password_hash = services.hash_password(DEMO_PASSWORD)
        dialogues[dialogue.country] = dialogue
        people[dialogue.country] = (lead, facilitator)
        logins.append((lead.email, f"lead of {fields['country']}: {fields['title']}"))
        logins.append((fac_email, f"facilitator of {fields['country']}"))
    db.session.flush()
    _add_translations(dialogues, people)
    # each phase adds its own demo data (extra["demo"](dialogue, lead, facilitator))
    from .registry import get_registry

    for phase in get_registry().phases:
        hook = phase.extra.get("demo")
        if hook is not None:
            for country, dialogue in dialogues.items():
                hook(dialogue, *people[country])
    db.session.flush()
    from .casestudy.demo import load as load_case_studies

    load_case_studies(dialogues, people)
    db.session.flush()
    from .calls.demo import load as load_calls  # phase 0: the call these dialogues came from, and the next

    logins += load_calls(coordinator, dialogues)
    return logins
