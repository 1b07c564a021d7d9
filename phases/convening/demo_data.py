"""Fictional demo data for phase 2 (convening), one plan per demo dialogue.

Plain data only, read by ``demo.py``: every demo dialogue has a held main meeting with agenda notes,
attendance (stakeholder numbers from the mapping register), outcomes, a reflection and paper
evaluations; Kenya also has an upcoming follow-up meeting. Notes are keyed by the 0-based index of
the agenda template's items. Every venue, address and comment is invented.
"""
from __future__ import annotations

MEETINGS: dict[str, dict] = {
    # -- Cape Verde (pt) ------------------------------------------------------------------------
    "CV": {
        "timezone": "Atlantic/Cape_Verde",
        "meetings": [
            {
                "title": "Primeiro encontro do diálogo: a água do vale da Ribeira Seca",
                "kind": "main",
                "days_from_today": -35,
                "start": "08:30",
                "end": "16:30",
                "days": 1,
                "venue": "Centro comunitário de Achada Fazenda",
                "address": "Largo do Chafariz, Achada Fazenda, Santa Cruz, ilha de Santiago",
                "interpretation": (
                    "Intervenções livres em crioulo ou em português; uma facilitadora resume em português, "
                    "no quadro e na ata, o que é dito em crioulo."
                ),
                "ground_rules": (
                    "Cada pessoa fala por si ou pela sua organização, sem ser interrompida.\n"
                    "Pode falar em crioulo ou em português.\n"
                    "Criticamos ideias, nunca pessoas.\n"
                    "O que é dito aqui não é repetido lá fora com o nome de quem o disse.\n"
                    "Telemóveis em silêncio durante os trabalhos.\n"
                    "Nas rondas de palavra, as agricultoras e os agricultores falam primeiro."
                ),
                "template": "full_day",
                "checklist": {
                    "venue_access": "done", "interpretation": "done", "materials": "done",
                    "travel_support": "done", "dietary_needs": "done", "participant_safety": "done",
                    "venue_safety": "done", "consent_forms": "done",
                },
                "attended": [1, 6, 12, 19, 24, 2, 8, 13, 14],
                "outcomes": [
                    ("vision",
                     "Em 2030, o vale da Ribeira Seca tem água suficiente e de boa qualidade para as famílias e "
                     "para a agricultura, partilhada de forma justa entre as zonas altas e baixas e gerida em "
                     "conjunto pelos agricultores, pela câmara, pela empresa de águas e pelas comunidades."),
                    ("agreement",
                     "Criar um comité de água do vale, com representantes das associações de agricultores, da "
                     "associação de mulheres agricultoras, da câmara municipal e da empresa de águas, que se "
                     "reúne uma vez por mês."),
                    ("agreement",
                     "Divulgar de três em três meses, na rádio comunitária e na sede da associação, as "
                     "medições de salinidade e do nível dos furos feitas pela universidade."),
                    ("agreement",
                     "Dar prioridade à rega gota a gota nas parcelas abastecidas pela barragem antes de abrir "
                     "novos furos."),
                    ("disagreement",
                     "A empresa de águas defende a dessalinização como solução principal; as associações de "
                     "agricultores consideram que o preço da água dessalinizada será incomportável para os "
                     "pequenos produtores."),
                    ("proposal",
                     "Um calendário de rega por turnos para a época seca, preparado pela associação de "
                     "agricultores com a associação de mulheres agricultoras e apresentado no próximo encontro."),
                    ("proposal",
                     "Um levantamento de todos os furos do vale, incluindo os privados, com o apoio técnico da "
                     "agência nacional de água."),
                    ("proposal",
                     "Reflorestar as encostas acima das nascentes com espécies locais, com os jovens agricultores "
                     "e as escolas."),
                ],
                "notes": {
                    0: "Apresentações em roda: cada pessoa disse de que zona do vale vem e de onde tira a água. "
                       "As regras foram lidas em crioulo e em português e aprovadas sem alterações. Funcionou um "
                       "espaço para crianças ao lado da sala.",
                    2: "A universidade apresentou dez anos de medições: a salinidade dos furos da zona baixa "
                       "quase duplicou. Pediram-se mapas mais simples para distribuir às associações.",
                    4: "Tensão entre a empresa de águas e os agricultores sobre o preço da água da barragem. As "
                       "agricultoras lembraram que são elas que transportam a água e pediram para decidir os "
                       "turnos de rega.",
                    6: "Três grupos escreveram frases; a versão final junta a ideia de partilha justa do grupo 1 "
                       "e a de gestão conjunta do grupo 3.",
                    9: "Três acordos aprovados por consenso. A dessalinização fica como ponto em aberto para o "
                       "próximo encontro.",
                },
                "reflection": (
                    "O encontro mostrou mais vontade de cooperar do que esperávamos, sobretudo entre a câmara e "
                    "a associação de agricultores. As mulheres agricultoras falaram mais nos grupos pequenos do "
                    "que em plenário, por isso no próximo encontro vamos reforçar o trabalho em grupos e manter o "
                    "espaço para as crianças."
                ),
                "evaluations": [
                    {"useful": 5, "heard": 4, "come_back": "yes",
                     "change": "Começar mais cedo e acabar antes da rega da tarde."},
                    {"useful": 4, "heard": 5, "come_back": "yes", "change": "Mais tempo para os grupos de trabalho."},
                    {"useful": 4, "heard": 3, "come_back": "maybe",
                     "change": "A apresentação da universidade foi demasiado técnica."},
                    {"useful": 5, "heard": 5, "come_back": "yes", "change": ""},
                    {"useful": 3, "heard": 4, "come_back": "yes", "change": "Convidar os donos dos furos privados."},
                    {"useful": 4, "heard": None, "come_back": "yes",
                     "change": "Ler os resumos também em crioulo."},
                    {"useful": None, "heard": 2, "come_back": "maybe",
                     "change": "Nem todos tiveram o mesmo tempo para falar."},
                ],
            },
        ],
    },
    # -- Ecuador (es) ---------------------------------------------------------------------------
    "EC": {
        "timezone": "America/Guayaquil",
        "meetings": [
            {
                "title": "Primer encuentro de la mesa del manglar de El Morro",
                "kind": "main",
                "days_from_today": -28,
                "start": "08:30",
                "end": "16:00",
                "days": 2,
                "venue": "Casa comunal de Puerto El Morro",
                "address": "Calle principal s/n, frente al muelle, Puerto El Morro, parroquia El Morro, Guayas",
                "interpretation": "",
                "ground_rules": (
                    "Hablamos de uno en uno y pedimos la palabra levantando la mano.\n"
                    "Respetamos todas las opiniones, aunque no estemos de acuerdo.\n"
                    "Hablamos de prácticas, no acusamos a personas con nombre y apellido.\n"
                    "No se toman fotos ni grabaciones sin permiso de las personas.\n"
                    "Lo que se dice aquí no se publica con el nombre de quien lo dijo.\n"
                    "Buscamos acuerdos, no ganadores."
                ),
                "template": "two_days",
                "checklist": {
                    "venue_access": "done", "interpretation": "not_needed", "materials": "done",
                    "travel_support": "done", "dietary_needs": "done", "participant_safety": "done",
                    "venue_safety": "done", "consent_forms": "done",
                },
                "attended": [1, 3, 4, 16, 17, 18, 20, 5, 19, 23, 28],
                "outcomes": [
                    ("vision",
                     "Un estuario con manglar sano y en recuperación, donde cangrejeros, concheras y pescadores "
                     "viven dignamente de su trabajo, las camaroneras respetan los límites del manglar y las "
                     "decisiones se toman en una mesa permanente con todas las partes."),
                    ("agreement",
                     "Respetar la veda del cangrejo rojo y la talla mínima de captura, con control de las propias "
                     "asociaciones en los puntos de desembarque."),
                    ("agreement",
                     "Crear una mesa permanente del manglar que se reúna cada dos meses en la casa comunal, "
                     "convocada por el GAD parroquial."),
                    ("agreement",
                     "Canalizar las denuncias de tala a través de la administración del refugio, sin exponer el "
                     "nombre de quienes informan."),
                    ("disagreement",
                     "Las asociaciones de pescadores piden cerrar y reforestar las piscinas camaroneras "
                     "abandonadas dentro del refugio; el Ministerio sostiene que primero debe revisar cada "
                     "concesión caso por caso."),
                    ("proposal",
                     "Delimitar con boyas dos zonas de recuperación de concha prieta donde no se recolecte "
                     "durante un año."),
                    ("proposal",
                     "Un monitoreo comunitario mensual de cangrejo y concha a cargo de la Red de Jóvenes "
                     "Guardianes del Manglar, con apoyo de la universidad."),
                    ("proposal",
                     "Volver a invitar a las camaroneras, empezando por una reunión previa por separado en un "
                     "lugar neutral."),
                ],
                "notes": {
                    1: "En grupos por sector, cada uno dibujó el estuario como lo ve. Todos coinciden en que la "
                       "captura ha bajado; no coinciden en las causas.",
                    3: "La universidad presentó los conteos de cangrejo rojo desde 2015: la densidad bajó a la "
                       "mitad en las zonas cercanas a las piscinas camaroneras.",
                    5: "Recorrido en lancha de la cooperativa por el estero. Se vieron áreas taladas hace poco y "
                       "una zona reforestada por los jóvenes que ya se está recuperando.",
                    8: "Cuatro grupos; la visión final se armó con frases de los cuatro y se leyó dos veces en "
                       "voz alta antes de aprobarla.",
                    12: "Tres acuerdos por consenso. La revisión de las concesiones queda registrada como "
                        "desacuerdo.",
                },
                "reflection": (
                    "La visita en lancha cambió el tono del encuentro: ver juntos el manglar talado hizo que la "
                    "conversación fuera menos de culpas y más de soluciones. La ausencia de las camaroneras pesó "
                    "mucho, porque sin ellas los acuerdos quedan a medias, y debemos buscar otra forma de "
                    "invitarlas."
                ),
                "evaluations": [
                    {"useful": 5, "heard": 5, "come_back": "yes",
                     "change": "Que vengan también las camaroneras."},
                    {"useful": 5, "heard": 4, "come_back": "yes", "change": "La salida en lancha debería ser más larga."},
                    {"useful": 4, "heard": 4, "come_back": "yes", "change": ""},
                    {"useful": 3, "heard": 2, "come_back": "maybe",
                     "change": "Los técnicos hablaron mucho y los pescadores poco."},
                    {"useful": 4, "heard": 5, "come_back": "yes",
                     "change": "Empezar más tarde el segundo día, después de la marea."},
                    {"useful": 5, "heard": None, "come_back": "yes", "change": "Más tiempo para los grupos."},
                    {"useful": 4, "heard": 3, "come_back": "maybe",
                     "change": "Explicar mejor qué pasa con los acuerdos después de la reunión."},
                    {"useful": None, "heard": 4, "come_back": "yes", "change": "Hacer el acta en palabras sencillas."},
                ],
            },
        ],
    },
    # -- Kenya (en) -----------------------------------------------------------------------------
    "KE": {
        "timezone": "Africa/Nairobi",
        "meetings": [
            {
                "title": "First joint dialogue on water points and grazing corridors",
                "kind": "main",
                "days_from_today": -42,
                "start": "08:30",
                "end": "16:30",
                "days": 1,
                "venue": "Conference room, Kulamawe Gardens Hotel",
                "address": "Off the Isiolo–Moyale road, Kulamawe, Isiolo town",
                "interpretation": (
                    "Simultaneous interpretation English–Kiswahili; a Borana (Afaan Oromo) interpreter for the "
                    "Council of Elders and a Turkana interpreter on request."
                ),
                "ground_rules": (
                    "Speak for yourself and your group, not against other communities.\n"
                    "One voice at a time: the talking stick goes round the room.\n"
                    "Speak in English, Kiswahili or your own language; the interpreters are here for everyone.\n"
                    "No photos, recordings or social media posts without everyone's agreement.\n"
                    "What is said here is not repeated outside with a name attached.\n"
                    "Anyone who feels unsafe tells a facilitator, and we pause."
                ),
                "template": "full_day",
                "checklist": {
                    "venue_access": "done", "interpretation": "done", "materials": "done",
                    "travel_support": "done", "dietary_needs": "done", "participant_safety": "done",
                    "venue_safety": "done", "consent_forms": "done",
                },
                "attended": [1, 4, 6, 10, 18, 24, 28, 15, 16, 17, 20, 25],
                "outcomes": [
                    ("vision",
                     "Water points and grazing corridors in Isiolo are shared by agreement, not by force: every "
                     "community knows where herds can drink in the dry season, farms are protected, and disputes "
                     "are settled by a joint committee before they turn violent."),
                    ("agreement",
                     "Set up a joint water and grazing committee of elders, herders (including women and young "
                     "herders), farmers, the water resource users' association and the county, with a rotating "
                     "chair."),
                    ("agreement",
                     "Reopen the two water points closed after last year's clashes on a trial basis, with "
                     "watering times agreed by the committee."),
                    ("agreement",
                     "Share the drought early-warning bulletins in Kiswahili and Borana through the community "
                     "radio."),
                    ("disagreement",
                     "Farmers oppose any grazing corridor through irrigated plots unless crop damage is "
                     "compensated; herders say the old stock routes to the river were there before the farms."),
                    ("proposal",
                     "Map the dry-season stock routes to the river with elders, herders and farmers, starting "
                     "from the research centre's maps."),
                    ("proposal",
                     "A crop damage compensation fund, co-financed by the county and development partners."),
                    ("proposal",
                     "Limit irrigation abstraction from the river during the driest months, following the "
                     "sub-catchment management plan."),
                ],
                "notes": {
                    0: "Opened by the county water department; the elders blessed the meeting. Ground rules read "
                       "in English, Kiswahili and Borana.",
                    2: "The research centre showed the water point map: many points in the lowlands were dry or "
                       "closed last season, and herds now crowd the few that remain.",
                    4: "Hard exchange between farmers and herders about night grazing on farms. The peace "
                       "committee brought it back to interests. The pastoralist women spoke about the distances "
                       "they walk for water.",
                    7: "Three tables: water points, corridors, dispute settlement. Each produced three options; "
                       "the corridor table could not agree on a short list.",
                    10: "Each group names its committee members before the follow-up meeting; the county drafts "
                        "terms of reference.",
                },
                "reflection": (
                    "A neutral venue and transport for herders from Ngaremara made it possible for groups that had "
                    "not sat together since the clashes to share a room. The corridor question is still the "
                    "hardest, so we will prepare it in separate meetings with farmers and with herders before the "
                    "follow-up."
                ),
                "evaluations": [
                    {"useful": 5, "heard": 4, "come_back": "yes", "change": "Hold the next meeting closer to the herders."},
                    {"useful": 4, "heard": 4, "come_back": "yes", "change": ""},
                    {"useful": 4, "heard": 2, "come_back": "maybe",
                     "change": "The Turkana interpretation was not always available."},
                    {"useful": 5, "heard": 5, "come_back": "yes", "change": "More time for the working groups."},
                    {"useful": 3, "heard": 3, "come_back": "maybe",
                     "change": "Farmers' losses were not taken seriously enough."},
                    {"useful": 5, "heard": 4, "come_back": "yes", "change": "Invite the big farms upstream."},
                    {"useful": 4, "heard": None, "come_back": "yes", "change": "Start on time."},
                    {"useful": None, "heard": 5, "come_back": "yes",
                     "change": "Women should have their own group in the morning."},
                    {"useful": 2, "heard": 3, "come_back": "no",
                     "change": "Too much talk and no decision on the corridors."},
                ],
            },
            {
                "title": "Follow-up: terms of reference for the joint water and grazing committee",
                "kind": "followup",
                "days_from_today": 24,
                "start": "09:00",
                "end": "13:00",
                "days": 1,
                "venue": "Parish hall, Ngaremara",
                "address": "Next to the primary school, Ngaremara, Isiolo County",
                "interpretation": "English–Kiswahili interpretation; a Turkana and a Borana interpreter.",
                "ground_rules": (
                    "Speak for yourself and your group, not against other communities.\n"
                    "One voice at a time: the talking stick goes round the room.\n"
                    "Speak in English, Kiswahili or your own language.\n"
                    "No photos or recordings without everyone's agreement.\n"
                    "Anyone who feels unsafe tells a facilitator, and we pause."
                ),
                "template": "half_day",
                "checklist": {
                    "venue_access": "done", "interpretation": "done", "participant_safety": "done",
                    "consent_forms": "done",
                },
                "attended": [],
                "outcomes": [],
                "notes": {},
                "reflection": "",
                "evaluations": [],
            },
        ],
    },
    # -- Nigeria (en) ---------------------------------------------------------------------------
    "NG": {
        "timezone": "Africa/Lagos",
        "meetings": [
            {
                "title": "First forum on safe and clean markets for women traders",
                "kind": "main",
                "days_from_today": -21,
                "start": "09:00",
                "end": "17:00",
                "days": 1,
                "venue": "Ground-floor conference hall, Riverview Suites Hotel",
                "address": "15 New Market Road, Onitsha, Anambra State",
                "interpretation": (
                    "Igbo–English interpretation in plenary; a Hausa-speaking interpreter for the northern "
                    "traders."
                ),
                "ground_rules": (
                    "Everyone is equal in this room, whatever their position in the market.\n"
                    "Speak in English, Igbo or Pidgin; the interpreters will help.\n"
                    "Talk about practices, not about named levy agents or officials.\n"
                    "What is shared here stays here: no recordings or photos.\n"
                    "Phones on silent.\n"
                    "We start and end on time so that traders can go back to their stalls."
                ),
                "template": "full_day",
                "checklist": {
                    "venue_access": "done", "interpretation": "done", "materials": "done",
                    "travel_support": "done", "dietary_needs": "done", "participant_safety": "done",
                    "consent_forms": "done",
                },
                "attended": [14, 15, 16, 17, 18, 1, 7, 19, 21, 22, 8],
                "outcomes": [
                    ("vision",
                     "A clean, safe and fairly run market where women traders work without fear, pay only "
                     "published levies and have working toilets, water and waste collection, overseen by a forum "
                     "where traders and authorities meet regularly."),
                    ("agreement",
                     "Publish the full list of official market levies on boards at every market gate and on the "
                     "community radio, in English and Igbo."),
                    ("agreement",
                     "Hold a monthly market forum of the local government, the traders' association, women's "
                     "groups, the waste contractor and the health centre."),
                    ("agreement",
                     "Open a confidential reporting line for harassment, run by the women's safety organisations, "
                     "with referral to the health centre."),
                    ("disagreement",
                     "The traders' association executive wants to keep collecting its own dues in cash; the "
                     "women's groups ask that every payment be receipted or made through the bank."),
                    ("proposal",
                     "A joint clean-up day every month with the waste contractor, and two more skips in the "
                     "foodstuff section."),
                    ("proposal",
                     "Repair the two public toilet blocks with an accessible cubicle, lighting and a separate "
                     "entrance for women."),
                    ("proposal",
                     "Identity cards for official levy collectors, so that traders can refuse unofficial "
                     "collectors."),
                ],
                "notes": {
                    0: "Opened by the women's wing and the local government council. Tense start: several traders "
                       "had never spoken to council officials before.",
                    2: "The health centre reported that cases of diarrhoea rise every rainy season when the lanes "
                       "flood and waste is not collected.",
                    4: "Women traders described unofficial collectors and intimidation after complaints; the "
                       "association executive disputed some accounts. Apprentices raised the lack of toilets.",
                    6: "Small groups wrote the vision on flip charts; the women's and apprentices' groups added "
                       "safety after dark.",
                    9: "Three agreements by consensus; cash dues remain open. The council agreed to bring the "
                       "official levy list to the next forum.",
                },
                "reflection": (
                    "Having the local government and the traders' association executive in the same room as women "
                    "traders was a first, and the start was tense. Small groups worked far better than plenary for "
                    "the women and the apprentices. Next time we need a shorter day and a way to include traders "
                    "who cannot leave their stalls."
                ),
                "evaluations": [
                    {"useful": 5, "heard": 5, "come_back": "yes",
                     "change": "Bring the levy agents' supervisors next time."},
                    {"useful": 4, "heard": 3, "come_back": "yes", "change": "The day was too long for traders."},
                    {"useful": 4, "heard": 4, "come_back": "yes", "change": ""},
                    {"useful": 3, "heard": 2, "come_back": "maybe",
                     "change": "Some people were afraid to speak in front of the executive."},
                    {"useful": 5, "heard": 4, "come_back": "yes", "change": "More Igbo, less English."},
                    {"useful": 4, "heard": None, "come_back": "yes", "change": "Hold it on a market closing day."},
                    {"useful": 2, "heard": 3, "come_back": "maybe",
                     "change": "The association's work was not recognised."},
                ],
            },
        ],
    },
    # -- Uganda (en) ----------------------------------------------------------------------------
    "UG": {
        "timezone": "Africa/Kampala",
        "meetings": [
            {
                "title": "First dialogue on decent work in waste recycling",
                "kind": "main",
                "days_from_today": -14,
                "start": "09:00",
                "end": "17:00",
                "days": 1,
                "venue": "Multipurpose hall, Kawempe Youth Skills Centre",
                "address": "Plot 14, Kalerwe–Bwaise road, Kawempe Division, Kampala",
                "interpretation": "Luganda–English interpretation in plenary and in the working groups.",
                "ground_rules": (
                    "Every voice counts the same: collectors, officials and companies.\n"
                    "Speak in Luganda, English or Kiswahili; interpreters help everyone.\n"
                    "No photos or videos without permission, and no company publicity.\n"
                    "Talk about practices, not about named people.\n"
                    "One person speaks at a time.\n"
                    "Nothing said here is posted on social media."
                ),
                "template": "full_day",
                "checklist": {
                    "venue_access": "done", "interpretation": "done", "materials": "done",
                    "travel_support": "done", "dietary_needs": "done", "participant_safety": "done",
                    "venue_safety": "done",
                },
                "attended": [1, 2, 7, 13, 18, 22, 5, 14, 19, 26, 9],
                "outcomes": [
                    ("vision",
                     "By 2030, young people in Kawempe who collect and sort waste earn a fair and regular income, "
                     "work with protective equipment and shelter, are recognised by the city, and plastic "
                     "producers share the cost of collection."),
                    ("agreement",
                     "Register youth collection and sorting groups with the division, so that they can get "
                     "licences and use official collection points."),
                    ("agreement",
                     "Post weekly buying prices for sorted plastics at the recycler's collection points."),
                    ("agreement",
                     "Provide gloves, boots and masks to registered sorters, first through the recycler and the "
                     "division."),
                    ("disagreement",
                     "Manufacturers accept voluntary take-back schemes but reject a mandatory producer "
                     "responsibility levy; youth groups and researchers say only a levy can pay for fair prices."),
                    ("proposal",
                     "A fair-price collection point pilot in Bwaise, run by the youth recyclers' association and "
                     "co-funded by the development partner."),
                    ("proposal",
                     "Health checks and first-aid training for sorters by the university research team."),
                    ("proposal",
                     "A sheltered sorting site with water and a childcare corner for young mothers."),
                ],
                "notes": {
                    0: "Opened by the division council. Each participant said what they collect, buy or regulate. "
                       "Ground rules read in Luganda and English.",
                    2: "The research team shared findings on cuts, skin and breathing problems among sorters. "
                       "The recycler showed how prices change from the collector to the factory.",
                    4: "Young collectors spoke about middlemen and evictions from sorting sites; the manufacturers' "
                       "association worried about new levies.",
                    7: "Three tables: fair prices, protection and shelter, producer responsibility. The young "
                       "mothers' table added childcare.",
                    10: "The division offers to register groups within two months; the recycler commits to "
                        "posting prices weekly.",
                },
                "reflection": (
                    "The young collectors spoke confidently once the first round was done in Luganda, and the city "
                    "officials listened more than we expected. The producer responsibility question will need "
                    "separate preparation with the manufacturers before the next meeting."
                ),
                "evaluations": [
                    {"useful": 5, "heard": 5, "come_back": "yes", "change": "Invite the scrap dealers too."},
                    {"useful": 4, "heard": 4, "come_back": "yes", "change": "Pay transport on the same day."},
                    {"useful": 4, "heard": 3, "come_back": "yes", "change": ""},
                    {"useful": 3, "heard": 4, "come_back": "maybe",
                     "change": "Companies were treated as the problem."},
                    {"useful": 5, "heard": 4, "come_back": "yes", "change": "A shorter lunch and more group work."},
                    {"useful": 4, "heard": None, "come_back": "yes", "change": "Bring the beverage companies."},
                    {"useful": None, "heard": 5, "come_back": "yes", "change": "The interpretation helped me follow everything."},
                    {"useful": 2, "heard": 2, "come_back": "maybe",
                     "change": "Too much English in the afternoon."},
                ],
            },
        ],
    },
}
