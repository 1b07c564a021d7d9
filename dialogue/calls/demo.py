"""Phase 0's demo data: the call the five demo dialogues came from, and the next one.

- A closed call (four languages) with twelve applications from Cape Verde, Ecuador, Kenya,
  Nigeria and Uganda, written in Portuguese, Spanish, English and French, each reviewed by the
  two demo reviewers (one conflict of interest declared). The five demo dialogues' organisations
  were selected: their applications are linked to the existing demo dialogues (no new dialogue
  is made); two are shortlisted, five declined.
- An open call, closing in 30 days, that takes applications (two arrived already, not yet
  reviewed).

Everything goes through phase 0's services as the pages would, with dates moved into the past.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from ..extensions import db
from ..models import User, utcnow
from . import services

REVIEWERS = (("reviewer1@demo.example", "Kwame Mensah"), ("reviewer2@demo.example", "Lucía Ferreira"))

CLOSED_CALL = {
    "titles": {
        "en": "Call for convening partners 2026",
        "fr": "Appel à partenaires de dialogue 2026",
        "es": "Convocatoria de socios convocantes 2026",
        "pt": "Convite a parceiros convocantes 2026",
    },
    "descriptions": {
        "en": "We are looking for local organisations that want to bring government, the private sector, civil "
              "society and researchers to one table around a challenge that matters where they work. Selected "
              "partners get the toolkit, training and a small grant for a first dialogue and its follow-up.",
        "fr": "Nous cherchons des organisations locales prêtes à réunir l'État, le secteur privé, la société "
              "civile et la recherche autour d'un défi qui compte là où elles travaillent. Les partenaires "
              "retenus reçoivent la boîte à outils, une formation et une petite subvention.",
        "es": "Buscamos organizaciones locales que quieran reunir al gobierno, el sector privado, la sociedad "
              "civil y la academia en torno a un desafío importante donde trabajan. Los socios seleccionados "
              "reciben la caja de herramientas, formación y una pequeña subvención.",
        "pt": "Procuramos organizações locais que queiram juntar o Estado, o setor privado, a sociedade civil e "
              "a investigação à volta de um desafio que importa onde trabalham. Os parceiros selecionados "
              "recebem a caixa de ferramentas, formação e um pequeno apoio financeiro.",
    },
}

OPEN_CALL = {
    "titles": {
        "en": "Second call for convening partners",
        "fr": "Deuxième appel à partenaires de dialogue",
        "es": "Segunda convocatoria de socios convocantes",
        "pt": "Segundo convite a parceiros convocantes",
    },
    "descriptions": {
        "en": "The programme opens ten more places for local multi-stakeholder dialogues. Tell us about the "
              "challenge you want to address, who needs to be at the table and why you are the ones to convene them.",
        "fr": "Le programme ouvre dix nouvelles places pour des dialogues multi-acteurs locaux. Parlez-nous du "
              "défi que vous voulez relever, de qui doit être autour de la table et de pourquoi vous pouvez les réunir.",
        "es": "El programa abre diez plazas más para diálogos locales entre múltiples actores. Cuéntenos el "
              "desafío que quiere abordar, quién debe estar en la mesa y por qué ustedes pueden convocarlos.",
        "pt": "O programa abre mais dez lugares para diálogos locais entre múltiplos atores. Conte-nos o desafio "
              "que quer enfrentar, quem precisa de estar à mesa e porque são vocês a convocá-los.",
    },
}


def _answers(challenge, why_now, stakeholders, how_reached, willingness, capacity, motivation, experience=""):
    return dict(challenge=challenge, why_now=why_now, stakeholders_by_sector=stakeholders, how_reached=how_reached,
                willingness=willingness, capacity=capacity, motivation=motivation, experience=experience)


#: (country, language, organisation, contact person, e-mail, decision, reason, scores of reviewer 1 and 2
#: (None: a conflict of interest), answers). A decision "select" links the demo dialogue of the country.
APPLICATIONS = [
    ("CV", "pt", "Associação Terra Viva (fictícia)", "Carla Tavares", "lead.capeverde@demo.example", "select",
     "A clear and urgent challenge, with the municipality and the farmers already willing to meet.",
     (5, 4, 5), (4, 5, 4), _answers(
         "Os furos do vale da Ribeira Seca estão a secar e a salinizar; os agricultores, a câmara e a empresa de "
         "águas não têm um plano comum para partilhar e poupar a água.",
         "A última época seca deixou metade das hortas sem rega, e a câmara vai decidir o novo plano de águas este ano.",
         {"government": "Câmara Municipal de Santa Cruz, delegação do Ministério da Agricultura",
          "private_sector": "Empresa de águas, vendedores de bombas",
          "civil_society": "Associações de agricultores e de mulheres rurais",
          "academia": "Universidade de Cabo Verde"},
         "Através das associações de agricultores e de visitas às comunidades, e de uma carta da câmara.",
         "Já reunimos agricultores e técnicos municipais duas vezes; todos pedem um espaço de diálogo regular.",
         "Uma equipa de quatro pessoas, uma sala comunitária e contactos de confiança no vale.",
         "Queremos que a plataforma decida todos os anos a partilha da água, muito depois do primeiro diálogo.",
         "Projetos de rega gota a gota com 60 famílias desde 2019.")),
    ("CV", "fr", "Association Praia Solidaire (fictive)", "Hélène Monteiro", "contact@praia-solidaire.example",
     "decline", "The challenge is important but the proposal does not yet show who would convene the state actors.",
     (3, 2, 3), (2, 3, 2), _answers(
         "Les quartiers informels de Praia manquent de collecte des déchets; les habitants brûlent les ordures.",
         "Les maladies respiratoires augmentent chez les enfants du quartier.",
         {"community": "Associations de quartier", "civil_society": "Groupes de jeunes"},
         "Par les associations de quartier et la radio communautaire.",
         "Nous voulons essayer, mais nous n'avons jamais travaillé avec la mairie.",
         "Deux bénévoles et un petit local.",
         "Nous aimerions un espace où les habitants sont écoutés.")),
    ("EC", "es", "Fundación Raíces del Manglar (ficticia)", "Lucía Quishpe", "lead.ecuador@demo.example", "select",
     "Strong motivation, a well-mapped set of stakeholders and a realistic plan to reach the shrimp farms.",
     (4, 5, 5), (5, 4, 4), _answers(
         "La tala de manglar y la pesca intensiva reducen la captura de cangrejo y concha en el estuario.",
         "El municipio prepara una ordenanza sobre el manglar y las asociaciones de pescadores piden ser escuchadas.",
         {"government": "Municipio de Guayaquil, Ministerio del Ambiente",
          "private_sector": "Camaroneras de la zona",
          "civil_society": "Asociaciones de cangrejeros y concheras",
          "academia": "Escuela Superior Politécnica del Litoral"},
         "Por las asociaciones de pescadores y una mesa técnica que ya existe con el municipio.",
         "Hemos reunido a pescadores y camaroneros dos veces; queremos un proceso formal.",
         "Cinco personas, un bote, y buena relación con la capitanía del puerto.",
         "Una mesa permanente del manglar que siga después del primer acuerdo.",
         "Monitoreo comunitario del manglar desde 2017.")),
    ("EC", "es", "Colectivo Agua Limpia Manabí (ficticio)", "Andrés Zambrano", "agua.limpia@manabi.example",
     "shortlist", "Promising; we would like to see a clearer plan for the private sector.",
     (4, 3, 4), (3, 4, 3), _answers(
         "El río Portoviejo recibe aguas residuales sin tratar de la ciudad y de las fincas.",
         "Las inundaciones del último invierno llevaron la contaminación a los pozos.",
         {"government": "GAD municipal de Portoviejo", "community": "Juntas de agua rurales"},
         "Con las juntas de agua y la parroquia.",
         "Queremos convocar a todos, aunque algunos actores desconfían.",
         "Un equipo pequeño de voluntarios con formación técnica.",
         "Una red de vigilancia del agua con las juntas y el municipio.")),
    ("KE", "en", "Pamoja Water Forum (fictional)", "Grace Wanjiru", "lead.kenya@demo.example", "select",
     "Highly relevant: conflict over water points is rising and the forum has the trust of herders and farmers.",
     (5, 5, 4), (5, 4, 5), _answers(
         "Herders and farmers clash over water points along the river in Isiolo; irrigation has expanded while "
         "droughts push herds south.",
         "Two water points closed after violent clashes last dry season; the county is revising its water plan.",
         {"government": "Isiolo County water department, the National Drought Management Authority",
          "private_sector": "Irrigation schemes, livestock traders",
          "civil_society": "Water users' associations, women's groups",
          "community": "Herders' elders, farmers' groups",
          "international": "A conservancy supported by an international NGO"},
         "Through the water users' associations, elders' councils and the county's peace committee.",
         "We have mediated disputes at three water points and both sides have asked for a lasting forum.",
         "Six staff, a meeting hall in Isiolo town, and radio time on the county station.",
         "A standing forum that agrees on water points and grazing corridors every season.",
         "Peace dialogues with the county peace committee since 2018.")),
    ("KE", "en", "Nairobi Urban Youth Network (fictional)", "Brian Otieno", "info@urbanyouth.example", "decline",
     "The challenge is real but very broad; the proposal does not name the local stakeholders who would sit together.",
     (2, 3, 3), None, _answers(
         "Youth unemployment in Nairobi's informal settlements.",
         "Unemployment is growing after the pandemic.",
         {"civil_society": "Youth groups", "private_sector": "Employers"},
         "Social media.",
         "We are very willing.",
         "Volunteers.",
         "We want young people to have a voice.")),
    ("NG", "en", "Market Women Development Initiative (fictional)", "Ngozi Okafor", "lead.nigeria@demo.example",
     "select", "A precise challenge, a strong base among the traders and an open door at the local government.",
     (4, 4, 5), (4, 5, 4), _answers(
         "Women traders in Onitsha's main market face harassment, poor sanitation and unpredictable levies.",
         "The local government is renegotiating the market's management contract this year.",
         {"government": "Onitsha North local government, the state ministry of commerce",
          "private_sector": "Waste contractors, the market's management company",
          "civil_society": "The market women's association",
          "community": "Health workers of the market clinic"},
         "Through the market women's association, whose leaders sit on our board.",
         "We have met the local government's chairman, who agreed to attend a first dialogue.",
         "Four staff and eleven trained peer leaders in the market.",
         "A market forum that meets every quarter and follows the agreements up.",
         "Savings groups and literacy classes for 1,200 traders since 2015.")),
    ("NG", "en", "Lagos Lagoon Fisherfolk Alliance (fictional)", "Tunde Adeyemi", "alliance@lagoon.example",
     "shortlist", "Relevant and motivated; the panel would like to discuss the capacity to convene at interview.",
     (4, 4, 3), (3, 4, 4), _answers(
         "Sand dredging and waste are destroying the fishing grounds of the Lagos lagoon.",
         "Dredging permits are being renewed and fish catches fell by half in two years.",
         {"government": "Lagos State environment ministry", "private_sector": "Dredging companies",
          "community": "Fishing communities"},
         "Through the fishing communities' chiefs.",
         "The fishing communities are ready; the dredging companies have not been approached yet.",
         "A network of 14 fishing communities, no paid staff.",
         "We want a lagoon council that outlives the first meeting.")),
    ("UG", "en", "Green Hands Uganda (fictional)", "Sarah Namukasa", "lead.uganda@demo.example", "select",
     "Relevant for youth employment and the city, with recyclers and the city authority ready to take part.",
     (4, 5, 4), (5, 5, 4), _answers(
         "Thousands of young people collect and sort waste in Kampala without protection or fair prices.",
         "The city authority is drafting a new waste strategy, and recyclers want a reliable supply.",
         {"government": "Kampala Capital City Authority",
          "private_sector": "Recyclers and manufacturers",
          "civil_society": "Youth groups of waste pickers",
          "academia": "Makerere University"},
         "Through the youth groups we train and the recyclers' association.",
         "We have convened waste pickers and recyclers before; the city authority asked us to do more.",
         "Five staff, a sorting yard in Kawempe and a training room.",
         "A platform that sets fair prices and safety rules and meets every two months.",
         "Training for 400 young waste pickers since 2020.")),
    ("UG", "en", "Gulu Peace and Land Trust (fictional)", "Joseph Ocen", "trust@gulu-land.example", "decline",
     "An important challenge, but a dialogue may put people at risk while the land cases are in court.",
     (3, 3, 4), (3, 2, 3), _answers(
         "Land disputes between returning families and investors in Gulu district.",
         "Several cases are in court and tension is rising.",
         {"government": "District land board", "community": "Clan leaders", "private_sector": "Investors"},
         "Through clan leaders and the district.",
         "We are willing but some parties refuse to meet.",
         "Two lawyers and a paralegal.",
         "We hope for a lasting land forum.")),
    ("CV", "pt", "Cooperativa de Pescadores do Maio (fictícia)", "Rui Lopes", "coop.maio@pesca.example", "decline",
     "The cooperative would benefit, but the proposal involves only the fishing sector so far.",
     (3, 3, 2), (2, 3, 3), _answers(
         "A pesca artesanal na ilha do Maio está a diminuir e os jovens deixam a ilha.",
         "O preço do combustível subiu e muitos barcos já não saem.",
         {"community": "Pescadores e peixeiras"},
         "Em reuniões na cooperativa.",
         "Queremos muito, mas só conhecemos os pescadores.",
         "Um gestor e uma sala na cooperativa.",
         "Queremos garantir o futuro da pesca na ilha.")),
    ("EC", "es", "Red de Mujeres Rurales de Loja (ficticia)", "Rosa Jiménez", "red.mujeres@loja.example", "decline",
     "A strong network; the panel found the challenge not yet specific enough for a first dialogue.",
     (3, 4, 3), (3, 3, 3), _answers(
         "Las mujeres rurales de Loja no acceden a crédito ni a mercados para sus productos.",
         "Se abrió un nuevo mercado provincial y las mujeres no tienen puestos.",
         {"government": "Prefectura de Loja", "civil_society": "Organizaciones de mujeres",
          "private_sector": "Cooperativas de ahorro"},
         "Por las organizaciones de base de la red.",
         "La red está dispuesta, y la prefectura nos conoce.",
         "Una coordinadora y promotoras en ocho parroquias.",
         "Queremos una mesa de mujeres rurales permanente.")),
]

#: applications to the open call, not reviewed yet
OPEN_APPLICATIONS = [
    ("KE", "en", "Kisumu Lakeside Forum (fictional)", "Achieng Odhiambo", "forum@kisumu.example", _answers(
        "Water hyacinth chokes the Kisumu shoreline and the fish landing beaches.",
        "The county is tendering a clearing contract and fishers fear for their landing sites.",
        {"government": "Kisumu County fisheries", "community": "Beach management units",
         "private_sector": "Boat builders, fish traders"},
        "Through the beach management units.",
        "We have brought fishers and the county together once, and they asked for more.",
        "Three staff and a meeting room at the landing beach.",
        "A lake forum that meets every quarter.")),
    ("CV", "fr", "Réseau des jeunes de Mindelo (fictif)", "Paulo Évora", "jeunes@mindelo.example", _answers(
        "Les jeunes de Mindelo n'ont pas accès aux emplois du port et du tourisme.",
        "Le port s'agrandit et recrute sans consulter les quartiers.",
        {"government": "Mairie de São Vicente", "private_sector": "Entreprises du port",
         "civil_society": "Associations de jeunes"},
         "Par les associations de jeunes et la radio locale.",
        "Nous sommes prêts et la mairie nous soutient.",
        "Quatre animateurs et une salle de quartier.",
        "Une plateforme jeunesse-emploi durable.")),
]


def _reviewer_accounts(password: str) -> list[User]:
    from .. import services as core

    users = []
    for email, name in REVIEWERS:
        user = core.find_user(email)
        if user is None:
            user, _token = core.create_user(email, role="reviewer", name=name, password=password)
        users.append(user)
    return users


def _day(base: datetime, days: int, hour: int, zone) -> datetime:
    local = (base.astimezone(zone) + timedelta(days=days)).date()
    return datetime.combine(local, time(hour, 0), tzinfo=zone)


def load(coordinator: User, dialogues: dict) -> list[tuple[str, str]]:
    """Both calls and their applications; returns the reviewers' lines for the login list."""
    from ..demo import DEMO_PASSWORD

    reviewers = _reviewer_accounts(DEMO_PASSWORD)
    now = utcnow()
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Africa/Nairobi")
    closed = services.create_call(
        coordinator, titles=CLOSED_CALL["titles"], descriptions=CLOSED_CALL["descriptions"],
        languages=["en", "fr", "es", "pt"], opens_at=_day(now, -210, 9, zone), closes_at=_day(now, -150, 17, zone),
        timezone="Africa/Nairobi", reviewer_ids=[r.id for r in reviewers])
    closed.criteria[0].weight = 2  # relevance counts double in this call
    services.open_call(closed, coordinator)
    received = []
    for index, (country, lang, organisation, person, email, _decision, _reason, _s1, _s2, answers) in enumerate(APPLICATIONS):
        application = services.submit_application(
            closed, language=lang, now=_day(now, -205 + 4 * index, 10 + index % 6, zone), organisation=organisation,
            country=country, contact_person=person, contact_email=email, **answers)
        received.append(application)
    services.close_call(closed, coordinator)
    criteria = list(closed.criteria)
    for application, spec in zip(received, APPLICATIONS):
        for reviewer, values in zip(reviewers, spec[7:9]):
            if values is None:
                services.submit_review(application, reviewer, conflict=True, scores={},
                                       comment="I advised this organisation last year.")
            else:
                services.submit_review(application, reviewer, conflict=False,
                                       scores={c.id: (v, "") for c, v in zip(criteria, values)},
                                       comment="A clear proposal." if sum(values) >= 12 else "Needs more detail.")
    decided_at = _day(now, -130, 11, zone)
    for application, spec in zip(received, APPLICATIONS):
        country, decision, reason = spec[0], spec[5], spec[6]
        services.decide(application, coordinator, decision=decision, reason=reason,
                        dialogue=dialogues.get(country) if decision == "select" else None)
        application.decided_at = decided_at

    opened = services.create_call(
        coordinator, titles=OPEN_CALL["titles"], descriptions=OPEN_CALL["descriptions"],
        languages=["en", "fr", "es", "pt"], opens_at=_day(now, -5, 9, zone), closes_at=_day(now, 30, 17, zone),
        timezone="Africa/Nairobi", reviewer_ids=[r.id for r in reviewers])
    services.open_call(opened, coordinator)
    for index, (country, lang, organisation, person, email, answers) in enumerate(OPEN_APPLICATIONS):
        services.submit_application(opened, language=lang, now=now - timedelta(days=3 - index, hours=2),
                                    organisation=organisation, country=country, contact_person=person,
                                    contact_email=email, **answers)
    db.session.flush()
    return [(email, "reviewer: scores the applications to both demo calls") for email, _name in REVIEWERS]
