"""Fictional demo data for the case studies: each demo dialogue's narrative, as its partner wrote it.

Plain data only, read by ``demo.py``: ``NARRATIVES`` is keyed by the demo dialogue's country code,
each value holding the narrative's ``content_language`` (the dialogue's own, as ``dialogue/demo.py``
sets it) and its five parts (``models.NARRATIVE``) in plain text, paragraphs separated by a blank
line. The texts match the phases' demo data (``phases/*/demo_data.py``): stakeholders mapped, the
main meeting and who came, its outcomes, the commitments, the platform and the lessons learned.
They name organisations and roles, never a stakeholder at risk or one who has not agreed to be
named; the only people named are the partner's own lead and facilitator. Uganda's case study is
still a draft being written, so only its summary and context hold text. Every organisation is
invented.
"""
from __future__ import annotations


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


NARRATIVES: dict[str, dict[str, str]] = {
    # -- Cabo Verde (pt) ------------------------------------------------------------------------------
    "CV": {
        "content_language": "pt",
        "summary": _text(
            "No vale da Ribeira Seca, em Santa Cruz, os furos estão a secar e a salinizar, e a câmara municipal, "
            "a empresa de águas, as associações de agricultores e a universidade tinham cada uma o seu plano, sem "
            "um espaço para os discutir. A Associação Terra Viva (fictícia) convocou um diálogo para chegar a uma "
            "visão comum sobre a partilha e a poupança da água.",
            "Mapeámos 29 partes interessadas e convidámos 14 para um primeiro encontro de um dia no centro "
            "comunitário de Achada Fazenda. Vieram nove: a câmara municipal, a delegação do Ministério da "
            "Agricultura e Ambiente, a empresa Águas do Interior de Santiago, a cooperativa hortícola, a "
            "associação de agricultores, a associação de mulheres agricultoras, uma associação ambiental, a "
            "universidade e uma associação comunitária da zona baixa.",
            "O encontro aprovou uma visão para 2030 e três acordos por consenso: criar um comité de água do vale "
            "que se reúne todos os meses, divulgar de três em três meses as medições de salinidade e do nível dos "
            "furos feitas pela universidade, e dar prioridade à rega gota a gota nas parcelas da barragem antes de "
            "abrir novos furos. A dessalinização, defendida pela empresa de águas e recusada pelos agricultores "
            "por causa do preço, ficou em aberto.",
            "Seguiram-se 14 compromissos. O comité reuniu-se pela primeira vez duas semanas depois do encontro, "
            "com 14 pessoas, cinco delas agricultoras. A universidade entregou um mapa simples da salinidade a "
            "seis associações, a delegação de saúde analisou cinco chafarizes e informou as famílias, e os "
            "primeiros 10 dos 40 kits de rega gota a gota já estão instalados.",
        ),
        "context": _text(
            "O vale da Ribeira Seca é uma das principais zonas hortícolas da ilha de Santiago. Cerca de 300 "
            "famílias regam a partir de furos e nascentes, e a cooperativa hortícola e as rabidantes de Pedra "
            "Badejo vivem dos legumes que ali se produzem. As medições da universidade mostram que, em dez anos, "
            "a salinidade dos furos da zona baixa quase duplicou, e o nível da água continua a baixar. A barragem "
            "a montante ainda não abastece todos os agricultores.",
            "São sobretudo as mulheres que fazem a rega e transportam a água, mas raramente são elas que decidem. "
            "A zona alta e a zona baixa do vale desconfiam uma da outra, e na época seca há quem venda água de "
            "furos privados. Quem denunciou essas vendas pode sofrer represálias, por isso garantimos desde o "
            "início que ninguém seria exposto por participar.",
            "Cada instituição tinha o seu plano: a câmara, um plano municipal de água; a empresa de águas, um "
            "projeto de dessalinização que nunca tinha sido discutido com os agricultores; o ministério, os seus "
            "programas de rega gota a gota; a universidade, os seus dados. Nenhuma consegue resolver sozinha um "
            "problema que depende de todos os furos do vale e de regras de rega aceites pelas duas zonas. Era "
            "preciso sentar as instituições, os agricultores e as comunidades à mesma mesa.",
        ),
        "partner": _text(
            "A Associação Terra Viva (fictícia) é uma organização não governamental de Santa Cruz que trabalha "
            "com famílias agricultoras da ilha de Santiago na conservação do solo e da água e na formação de "
            "jovens agricultores. Conhecemos bem as associações do vale e a câmara, mas nunca tínhamos juntado "
            "todas as partes na mesma sala.",
            "Convocámos o diálogo porque víamos cada instituição avançar com o seu plano enquanto os furos "
            "secavam. Não temos furos nem terrenos no vale e não pertencemos a nenhuma das zonas, o que fez com "
            "que todos nos aceitassem como facilitadores.",
            "O diálogo foi coordenado por Carla Tavares e facilitado por Nuno Fortes, com uma colega que resumiu "
            "em português, no quadro e na ata, o que foi dito em crioulo.",
        ),
        "reflections": _text(
            "Fazer o mapeamento com as próprias associações, numa tarde na sede, mostrou-nos atores que não "
            "conhecíamos, como as rabidantes e os criadores de gado de Boaventura. Hoje começaríamos pelas "
            "agricultoras e pelos jovens, e só depois pelas instituições, para que a lista não fosse desenhada a "
            "partir de cima. Não conseguimos identificar os donos dos furos privados, e a ausência deles pesa "
            "nos acordos.",
            "No encontro, o espaço para crianças permitiu que muitas agricultoras ficassem o dia inteiro, e falar "
            "em crioulo deu confiança a quem nunca tinha falado em público. Mesmo assim, as mulheres falaram "
            "muito mais nos grupos pequenos do que em plenário. A apresentação da universidade foi demasiado "
            "técnica, e a empresa de águas chegou tarde e saiu antes dos acordos, o que enfraqueceu a discussão "
            "sobre a dessalinização. Da próxima vez, preparamos uma versão curta, com mapas, e terminamos antes "
            "da rega da tarde.",
            "O que mais nos surpreendeu foi ver a vereadora do ambiente e o presidente da associação de "
            "agricultores proporem juntos o comité de água, quando antes do encontro nem se falavam.",
            "No seguimento, aprendemos a verificar a viabilidade técnica de cada compromisso antes de o registar: "
            "uma proposta foi abandonada porque ninguém tinha confirmado o caudal da barragem. A quem vai começar "
            "um diálogo parecido, aconselhamos a dar a cada compromisso uma pessoa de contacto, e não apenas uma "
            "instituição.",
        ),
        "next_steps": _text(
            "O Comité de Água do Vale da Ribeira Seca reúne-se na primeira terça-feira de cada mês na delegação "
            "municipal de Achada Fazenda, com presidência rotativa entre a câmara e as associações. Deve aprovar "
            "o seu regulamento interno, que já recebeu comentários de três associações, e o calendário de rega "
            "por turnos para a época seca: os turnos diurnos estão acordados, os noturnos ainda dividem a zona "
            "alta e a zona baixa, e pedimos uma reunião facilitada antes do próximo encontro do diálogo.",
            "Há compromissos atrasados. A empresa de águas ainda não entregou os registos de bombagem de que a "
            "agência nacional de água precisa para o levantamento de todos os furos do vale, nem indicou um "
            "suplente no comité. A divulgação das medições na rádio comunitária espera por um horário, os "
            "acordos ainda não foram apresentados na Assembleia Municipal e o estudo do custo da água "
            "dessalinizada ainda não começou.",
            "Precisamos de apoio para financiar o trabalho de campo desse estudo e para garantir água ao viveiro "
            "da escola secundária durante a época seca: já germinaram 600 plântulas para as 2000 árvores "
            "previstas nas encostas acima das nascentes.",
        ),
    },
    # -- Ecuador (es) ---------------------------------------------------------------------------------
    "EC": {
        "content_language": "es",
        "summary": _text(
            "En el estuario de Puerto El Morro, la tala de manglar para camaroneras y la pesca intensiva han "
            "reducido la captura de cangrejo y concha, y pescadores, camaroneras y autoridades se culpaban "
            "mutuamente. La Fundación Raíces del Manglar (ficticia) convocó un diálogo para llegar a acuerdos "
            "sobre el uso sostenible del manglar.",
            "Mapeamos 32 actores y enviamos 18 invitaciones. Al primer encuentro, de dos días, en la casa comunal "
            "de Puerto El Morro llegaron 11 organizaciones: el GAD parroquial, el Ministerio del Ambiente, la "
            "administración del refugio de vida silvestre, el Viceministerio de Acuacultura y Pesca, las "
            "asociaciones de cangrejeros, de concheras y de mujeres procesadoras, la cooperativa de pesca "
            "artesanal, la Red de Jóvenes Guardianes del Manglar, la universidad y la comuna San Pedro del "
            "Estero. Las camaroneras no vinieron: su gremio declinó la invitación.",
            "Se aprobó una visión común y tres acuerdos por consenso: respetar la veda y la talla mínima del "
            "cangrejo rojo con control de las propias asociaciones, crear una mesa permanente del manglar que se "
            "reúna cada dos meses, y canalizar las denuncias de tala a través del refugio sin exponer a quienes "
            "informan. El cierre de las piscinas camaroneras abandonadas quedó registrado como desacuerdo.",
            "Después se registraron 13 compromisos. El canal confidencial de denuncias ya funciona y recibió dos "
            "denuncias verificadas en campo; el acta se leyó en la radio comunitaria en palabras sencillas; 17 "
            "jóvenes aprendieron el protocolo de conteo de cangrejo y concha; y las asociaciones controlan la "
            "talla en el muelle y en dos puntos del estero.",
        ),
        "context": _text(
            "El Morro forma parte de un refugio de vida silvestre con manglares y un grupo de delfines "
            "residentes. Muchas familias viven de recolectar cangrejo rojo y concha prieta, de pescar con red y "
            "línea, y de limpiar y vender mariscos. Desde hace décadas las camaroneras ocupan parte del manglar, "
            "y los conteos de la universidad muestran que desde 2015 la densidad de cangrejo rojo bajó a la mitad "
            "en las zonas cercanas a las piscinas.",
            "Existían acuerdos de uso sustentable y custodia del manglar, pero pocas asociaciones los conocían o "
            "los cumplían; la comuna San Pedro del Estero tenía un acuerdo de custodia vigente que casi nadie "
            "conocía. La información sobre las concesiones está dispersa entre varias instituciones, y los "
            "pescadores no asociados quedan fuera de todos los acuerdos.",
            "Las camaroneras y los intermediarios tienen mucho más poder económico que las asociaciones, y "
            "personas que denunciaron la tala ilegal recibieron amenazas. Por eso nos reunimos en un lugar "
            "neutral y ningún documento público lleva el nombre de quienes informan. Ningún actor podía "
            "resolverlo solo: el Ministerio otorga los acuerdos de custodia, el Viceministerio fija vedas y "
            "tallas, el GAD parroquial convoca a la comunidad y solo las asociaciones pueden hacer cumplir las "
            "reglas en el estero.",
        ),
        "partner": _text(
            "La Fundación Raíces del Manglar (ficticia) es una organización local del Guayas que acompaña a "
            "asociaciones de pescadores y recolectoras en la reforestación del manglar, la educación ambiental y "
            "la defensa de sus acuerdos de custodia. Trabajamos desde hace años con la Red de Jóvenes Guardianes "
            "del Manglar.",
            "Convocamos el diálogo porque cada conflicto en el estero terminaba en acusaciones y no había un "
            "lugar para buscar acuerdos. No pertenecemos a ningún gremio ni tenemos intereses en la pesca o la "
            "acuacultura, y eso nos permitió invitar a todos.",
            "El diálogo lo coordinó Lucía Quishpe y lo facilitó Diego Andrade, con el apoyo del GAD parroquial, "
            "que ofreció la casa comunal como sede.",
        ),
        "reflections": _text(
            "Recorrer el estero con los dirigentes de las asociaciones nos permitió conocer a los pescadores no "
            "asociados, que casi nunca aparecen en las listas oficiales, y marcar desde el principio a las "
            "personas en riesgo nos ayudó a protegerlas durante todo el proceso. En cambio, nunca logramos "
            "hablar con las camaroneras grandes, que nos derivaban siempre a un abogado.",
            "La salida en lancha cambió el tono del encuentro: ver juntos el manglar talado y la zona reforestada "
            "por los jóvenes hizo que se hablara menos de culpas y más de soluciones. Leer los acuerdos dos veces "
            "en voz alta antes de aprobarlos dio confianza. Pero los técnicos hablaron demasiado la primera "
            "mañana y los pescadores casi no intervinieron; hoy organizaríamos el segundo día según la marea, "
            "para que nadie pierda una jornada de trabajo.",
            "La ausencia de las camaroneras pesó mucho: sin ellas varios acuerdos quedan a medias. A quien "
            "empiece un diálogo parecido le recomendamos buscar desde el inicio a una persona de confianza del "
            "sector más poderoso para abrir la puerta, y reunirse con ese sector por separado antes del encuentro.",
            "En el seguimiento aprendimos que cada institución debe confirmar por escrito sus recursos antes de "
            "asumir un compromiso: la Capitanía abandonó los patrullajes por falta de combustible, y la "
            "autorización del Ministerio para las zonas de concha todavía no llega.",
        ),
        "next_steps": _text(
            "La Mesa Permanente del Manglar de El Morro tendrá su segunda sesión en la casa comunal, convocada "
            "por el GAD parroquial, para aprobar su reglamento; el borrador ya está en manos de las asociaciones. "
            "Después se reunirá cada dos meses. Las camaroneras todavía no forman parte: se las invitará tras una "
            "reunión previa por separado.",
            "Quedan compromisos abiertos. Las dos zonas de recuperación de concha prieta esperan la autorización "
            "del Ministerio del Ambiente para colocar las boyas, que ya se compraron; solo 4 de 11 restaurantes "
            "de Playas firmaron el compromiso de no comprar cangrejo en veda ni bajo talla; la mesa tendrá que "
            "buscar otra forma de vigilar el estero sin los patrullajes de la Capitanía; y el Municipio todavía "
            "debe incluir el manglar en la actualización del plan de ordenamiento territorial.",
            "Necesitamos apoyo para el combustible de la lancha en los días de conteo y chalecos de "
            "identificación para los socios que controlan la talla en los puntos de desembarque.",
        ),
    },
    # -- Kenya (en) -----------------------------------------------------------------------------------
    "KE": {
        "content_language": "en",
        "summary": _text(
            "In Isiolo County, droughts push herders towards the river where farmers have expanded irrigation, "
            "and disputes over water points have turned violent; two water points were closed after clashes in "
            "the last dry season. Pamoja Water Forum (fictional) convened county government, water users, "
            "herders, farmers, elders and peace actors to agree a shared plan for water points and grazing "
            "corridors.",
            "We mapped 33 stakeholders and invited 17 to a first joint dialogue at a neutral venue in Isiolo "
            "town. Twelve came: the county water department, the National Drought Management Authority, the "
            "Ngaremara location chief, the irrigation farmers' cooperative, the upper river water resource users' "
            "association, a women farmers' group, a pastoralist women's network, the interfaith peace committee, "
            "the Red Cross, the Borana Council of Elders, Turkana herders from Ngaremara and a drylands research "
            "centre. Some of these groups had not sat in one room since the clashes.",
            "The meeting agreed a shared vision and three things: to set up a joint water and grazing committee "
            "with a rotating chair, to reopen the two closed water points on a trial basis with agreed watering "
            "times, and to broadcast drought early-warning bulletins in Kiswahili and Borana. Grazing corridors "
            "through irrigated plots remain the main disagreement.",
            "Eighteen commitments followed. The Kulamawe water point reopened with a watering timetable signed by "
            "elders and the water users' association, and the police and the peace committee were present on 18 "
            "of the first 20 watering days. Weekly bulletins have been on Ewaso FM since two weeks after the "
            "meeting, and herders and farmers have named most of their committee members.",
        ),
        "context": _text(
            "Isiolo is a dryland county where Borana, Turkana, Samburu, Somali and Meru communities share scarce "
            "water. Irrigation along the rivers has expanded while droughts have become longer and more "
            "frequent. In the dry season herds crowd the few water points that still work, and night grazing on "
            "farms is a constant source of anger. Clashes over water points have cost lives and displaced "
            "families, and since the last dry season two water points have been closed.",
            "Earlier peace agreements broke down because they did not deal with water allocation. The county, "
            "the Water Resources Authority, the water resource users' association, the elders and the "
            "conservancies each manage part of the water and the land, under different rules, and none of them "
            "can settle the question alone. Large farms upstream hold big abstraction permits, while pastoralist "
            "women walk the furthest for water and have the least say.",
            "Everyone needed to be at one table, and it had to be safe. Some participants feared reprisals for "
            "speaking openly, so we chose a venue all communities see as neutral, paid transport for the herders "
            "from Ngaremara, provided interpretation into Kiswahili, Borana and Turkana, and thought carefully "
            "about the presence of police.",
        ),
        "partner": _text(
            "Pamoja Water Forum (fictional) is a local non-governmental organisation in Isiolo town. We support "
            "water users' associations and community water committees, and we work with peace actors on water "
            "disputes in the county's dryland wards.",
            "We convened this dialogue because every dry season the same disputes came back, and the agreements "
            "made after each clash left the real question unanswered: who gets water, where and when. We own no "
            "water points and no land, which let us invite all sides.",
            "Grace Wanjiru led the dialogue and Peter Lokorio facilitated the meetings, with the interfaith peace "
            "committee helping to prepare the joint sessions.",
        ),
        "reflections": _text(
            "Mapping with the elders and the peace committee together showed us who really speaks for each "
            "community, and separate conversations with pastoralist women brought in a group that official lists "
            "leave out. But our first list had no young herders at all, and we listed the large upstream farms "
            "too late; they still see the dialogue as a herders' project. Next time we would map by water point "
            "rather than by organisation, because that is how people think about the conflict.",
            "The neutral venue and transport for the Ngaremara herders made the first meeting possible, and the "
            "talking stick and Borana interpretation kept the elders fully involved. The Turkana interpreter was "
            "not always there, though, and some herders lost parts of the discussion. The corridor table ran out "
            "of time without a short list: we should have prepared that question in separate meetings with "
            "farmers and with herders, and given the women a morning group of their own.",
            "In the follow-up, commitments with one clear owner and a date were done first. Commitments that "
            "depend on each other must be tracked together: the cooperative dropped its river access lanes "
            "because crop damage compensation is still unresolved. We would also check supply times before "
            "agreeing a repair date.",
            "What surprised us: the lodge paid for water trucking before anyone asked, and the young herders used "
            "the peace football tournament to raise issues they had kept silent about in the meeting.",
        ),
        "next_steps": _text(
            "A follow-up meeting at the parish hall in Ngaremara will adopt the terms of reference of the Isiolo "
            "Joint Water and Grazing Committee; the county has translated the draft into Kiswahili and sent it to "
            "all groups. The committee will meet every quarter with a chair that rotates between communities. "
            "The young herders still have to choose their representative, and the Red Cross will train the "
            "members in mediation.",
            "The second closed water point cannot reopen until the Ngaremara borehole gets a new pump motor, "
            "which is out of stock; herders are asking for a water bowser in the meantime. A county allocation "
            "for a crop damage compensation fund waits for a postponed supplementary budget, and the river lanes "
            "depend on it. The stock route mapping and the abstraction limits for the driest months are under "
            "way; the Turkana and Samburu bulletins have not started yet.",
            "We are looking for funding for two field weeks to finish the stock route map, and for partners to "
            "co-finance the compensation fund on the basis of the concept note the county is writing.",
        ),
    },
    # -- Nigeria (en) ---------------------------------------------------------------------------------
    "NG": {
        "content_language": "en",
        "summary": _text(
            "Women traders in Onitsha's main market face harassment, poor sanitation and levies collected in "
            "cash, often without receipts. Market Women Development Initiative (fictional) brought the local "
            "government, the traders' association, women's groups, health workers and others together to make "
            "the market safe and clean for the women who work in it.",
            "We mapped 31 stakeholders and invited 13 to a first forum: a full day in Onitsha with Igbo–English "
            "and Hausa interpretation. Eleven came, among them the Onitsha North Local Government Council, the "
            "traders' association executive, the market's primary health centre, the market women's wing, the "
            "foodstuff women traders' cooperative, the young traders' and apprentices' forum, traders with "
            "disabilities and four civil society groups working on women's safety and sanitation. For many "
            "traders it was the first time they had spoken directly to council officials.",
            "The forum agreed to publish the full list of official levies at every market gate and on community "
            "radio, to hold a monthly market forum, and to open a confidential reporting line for harassment "
            "with referral to the health centre. Whether the association may keep collecting its dues in cash "
            "remained open.",
            "Sixteen commitments followed. Within three weeks the reporting line opened and took seven calls in "
            "its first week, 31 volunteers cleared every drain in the foodstuff lanes, and the first monthly "
            "forum met with 19 participants, 11 of them women. The levy boards are late: the levy list still "
            "waits for the local government chairman's approval.",
        ),
        "context": _text(
            "The main market is one of the largest in the region, and most stall holders and hawkers in the food "
            "sections are women. Levies are collected by several bodies, often in cash and without receipts, and "
            "traders cannot tell official collectors from unofficial ones. Toilets and drainage are poor: after "
            "heavy rain the lanes flood, waste piles up and the health centre sees diarrhoea cases rise. "
            "Apprentices work long hours without toilets, and traders with disabilities cannot get through the "
            "blocked lanes.",
            "Women who complained about harassment or levies have had their stalls locked or been targeted by "
            "touts, and the market executive and the vigilance group hold strong informal power over who trades "
            "where. The names of those who report abuse had to stay confidential from the start.",
            "Each actor held part of the solution. The local government collects levies and appoints the levy "
            "agents; the environmental health department and the waste contractor deal with drains and waste; "
            "the traders' association allocates stalls; the health centre and the women's organisations deal "
            "with the harm. No forum brought them together, so complaints went round in circles.",
        ),
        "partner": _text(
            "Market Women Development Initiative (fictional) is a community organisation in Onitsha that works "
            "with women traders on savings, business skills and their rights in the market. Many of the women "
            "we work with trade in the main market, so we hear about levies, harassment and dirty lanes every "
            "week.",
            "We convened the dialogue because individual complaints were getting nowhere, and some women were "
            "punished for making them. We wanted a forum where traders and authorities solve problems together "
            "while the women who speak up stay safe.",
            "Ngozi Okafor led the dialogue and Ibrahim Musa facilitated the forum, working with interpreters for "
            "Igbo and Hausa.",
        ),
        "reflections": _text(
            "Walking the market section by section with the women's wing showed us the head porters and the "
            "traders with disabilities, who are rarely consulted, and keeping the names of people at risk out of "
            "shared documents reassured the women who had reported harassment. We could not map the unofficial "
            "levy collectors safely, and the association executive felt it had been mapped as a problem rather "
            "than a partner. We should have met the executive early and explained the method.",
            "At the forum, small groups gave the women and the apprentices the confidence to speak, and the "
            "apprentices put safety after dark on the agenda. But the day was too long for traders who had to "
            "leave their stalls, and some women were afraid to speak in plenary in front of the executive. We "
            "would hold shorter meetings on market closing days and collect anonymous written contributions.",
            "In the follow-up, civil society groups moved fast while government commitments waited on approvals. "
            "The women's groups carry most of the work, and commitments need to be shared more evenly. The "
            "executive dropped receipted dues, the commitment traders cared most about, and the police gender "
            "desk stopped when its only officer was transferred: one transfer should not be able to stop a "
            "commitment.",
        ),
        "next_steps": _text(
            "The Onitsha Main Market Forum meets on the first market closing day of each month in the women's "
            "wing hall, and its minutes are read on the community radio's market hour programme. At the next "
            "forum we will ask the council for the approved levy list, so that the boards can go up at all six "
            "gates and the list can be read on air, and we will bring cash dues back to the table.",
            "Still open: a referral protocol between the reporting line and the health centre, training for 20 "
            "market women as safety champions, two more skips in the foodstuff section, an access audit of the "
            "main lanes, savings groups with the microfinance bank, and identity cards for official levy "
            "collectors.",
            "We need an engineer's assessment and a funder to repair the two toilet blocks with an accessible "
            "cubicle, lighting and a separate entrance for women, transport for traders from the far sections "
            "to attend the forum, and a new gender desk officer from the police.",
        ),
    },
    # -- Uganda (en): a draft still being written --------------------------------------------------------
    "UG": {
        "content_language": "en",
        "summary": _text(
            "Thousands of young people in Kawempe collect and sort waste without protection or fair prices, "
            "while the city struggles with uncollected rubbish. Green Hands Uganda (fictional) brought the city "
            "authority, the division, recyclers, manufacturers, youth and women's groups and researchers "
            "together to turn recycling into decent work.",
            "We mapped 27 stakeholders and invited 14 to a first dialogue at the Kawempe Youth Skills Centre, "
            "with Luganda–English interpretation. Eleven came, including the Kampala Capital City Authority, the "
            "division council, a plastics recycler, the packaging manufacturers' association, the youth "
            "recyclers' association, women sorters, young mothers who collect waste, a public health research "
            "team and a UN youth employment programme.",
            "The dialogue agreed to register youth collection and sorting groups with the division, to post "
            "weekly buying prices for sorted plastics at the recycler's collection points, and to give gloves, "
            "boots and masks to registered sorters. Producer responsibility divided the room: manufacturers "
            "accept voluntary take-back, while youth groups and researchers say only a levy can pay for fair "
            "prices.",
            "Two weeks on, prices are posted every week at Kalerwe, Bwaise and Kazo, 23 young collectors have "
            "finished a sorting and safety course, and 120 sorters have received gloves; the boots are held at "
            "customs.",
        ),
        "context": _text(
            "Kawempe is one of Kampala's most densely populated divisions, with large informal settlements and "
            "frequent flooding. Young people, many of them out of school, collect plastics and scrap and sell "
            "them by the kilo to middlemen at low prices; the youth recyclers' association alone represents "
            "about 400 young collectors and sorters. Women sort plastics by hand without gloves or shelter, young "
            "mothers bring their children because there is no childcare, and refugee youth are often paid less.",
            "Young collectors have little bargaining power. They compete with licensed collection companies for "
            "paying clients, are harassed during night collection and have been evicted from sorting sites. "
            "Some youth activists were arrested during protests about waste, so taking part in the dialogue must "
            "not expose anyone.",
            "The city authority licenses collectors, the division runs collection points, recyclers set the "
            "prices, manufacturers put the packaging on the market, and a national framework on producer "
            "responsibility has been discussed for years without being adopted. No one of them can make this "
            "work decent alone, which is why we needed the city, companies, youth groups and researchers at one "
            "table.",
        ),
        "partner": "",
        "reflections": "",
        "next_steps": "",
    },
}


# English translations of the narratives not written in English (Cabo Verde in Portuguese, Ecuador in
# Spanish), as a programme officer reviewing them would read them: every non-empty part of ``NARRATIVES``,
# the same paragraphs, numbers and names (organisations' own names kept, with a gloss where it helps).
REVIEW_TRANSLATIONS: dict[str, dict[str, str]] = {
    # -- Cabo Verde (pt -> en) ------------------------------------------------------------------------
    "CV": {
        "summary": _text(
            "In the Ribeira Seca valley, in Santa Cruz, the boreholes are drying up and turning salty, and the "
            "municipal council, the water company, the farmers' associations and the university each had their "
            "own plan, with no place to discuss them. Associação Terra Viva (fictional) convened a dialogue to "
            "reach a shared vision on how to share and save water.",
            "We mapped 29 stakeholders and invited 14 to a first one-day meeting at the Achada Fazenda community "
            "centre. Nine came: the municipal council, the local office of the Ministry of Agriculture and "
            "Environment, the water company Águas do Interior de Santiago, the horticultural cooperative, the "
            "farmers' association, the women farmers' association, an environmental association, the university "
            "and a community association from the lower valley.",
            "The meeting adopted a vision for 2030 and three agreements by consensus: to set up a valley water "
            "committee that meets every month; to publish every three months the university's measurements of "
            "salinity and borehole levels; and to give priority to drip irrigation on the plots supplied by the "
            "dam before opening new boreholes. Desalination, championed by the water company and rejected by the "
            "farmers because of its price, was left open.",
            "The meeting was followed by 14 commitments. The committee met for the first time two weeks after "
            "the meeting, with 14 people, five of them women farmers. The university delivered a simple salinity "
            "map to six associations, the health office tested five public standpipes and informed the families, "
            "and the first 10 of the 40 drip irrigation kits are already installed.",
        ),
        "context": _text(
            "The Ribeira Seca valley is one of the main vegetable-growing areas of Santiago island. Around 300 "
            "families irrigate from boreholes and springs, and the horticultural cooperative and the rabidantes "
            "(women market traders) of Pedra Badejo live off the vegetables grown there. The university's "
            "measurements show that in ten years the salinity of the boreholes in the lower valley has almost "
            "doubled, and the water level keeps falling. The dam upstream does not yet supply all the farmers.",
            "It is mostly women who do the irrigating and carry the water, but they are rarely the ones who "
            "decide. The upper and lower parts of the valley distrust each other, and in the dry season some "
            "people sell water from private boreholes. Those who reported these sales could face reprisals, so "
            "we guaranteed from the start that no one would be exposed for taking part.",
            "Each institution had its own plan: the council, a municipal water plan; the water company, a "
            "desalination project that had never been discussed with the farmers; the ministry, its drip "
            "irrigation programmes; the university, its data. None of them can solve on its own a problem that "
            "depends on every borehole in the valley and on irrigation rules that both parts of the valley "
            "accept. The institutions, the farmers and the communities had to sit at the same table.",
        ),
        "partner": _text(
            "Associação Terra Viva (fictional) is a non-governmental organisation in Santa Cruz that works with "
            "farming families on Santiago island on soil and water conservation and on training young farmers. "
            "We know the valley's associations and the council well, but we had never brought all the parties "
            "together in the same room.",
            "We convened the dialogue because we saw each institution pressing ahead with its own plan while the "
            "boreholes dried up. We own no boreholes or land in the valley and belong to neither part of it, "
            "which is why everyone accepted us as facilitators.",
            "The dialogue was coordinated by Carla Tavares and facilitated by Nuno Fortes, with a colleague who "
            "summarised in Portuguese, on the board and in the minutes, what was said in Creole.",
        ),
        "reflections": _text(
            "Doing the mapping with the associations themselves, over an afternoon at their office, showed us "
            "actors we did not know, such as the rabidantes and the livestock keepers of Boaventura. Today we "
            "would start with the women farmers and the young people, and only then with the institutions, so "
            "that the list is not drawn up from the top down. We could not identify the owners of the private "
            "boreholes, and their absence weighs on the agreements.",
            "At the meeting, the children's corner allowed many women farmers to stay the whole day, and "
            "speaking in Creole gave confidence to people who had never spoken in public. Even so, the women "
            "spoke much more in the small groups than in plenary. The university's presentation was too "
            "technical, and the water company arrived late and left before the agreements, which weakened the "
            "discussion on desalination. Next time we will prepare a short version, with maps, and finish before "
            "the afternoon irrigation.",
            "What surprised us most was seeing the councillor for the environment and the president of the "
            "farmers' association propose the water committee together, when before the meeting they were not "
            "even on speaking terms.",
            "In the follow-up, we learned to check the technical feasibility of each commitment before recording "
            "it: one proposal was dropped because nobody had confirmed the dam's flow. To anyone about to start a "
            "similar dialogue, we advise giving each commitment a contact person, not just an institution.",
        ),
        "next_steps": _text(
            "The Ribeira Seca Valley Water Committee (Comité de Água do Vale da Ribeira Seca) meets on the first "
            "Tuesday of each month at the municipal office in Achada Fazenda, with the chair rotating between the "
            "council and the associations. It is due to adopt its internal rules, which have already received "
            "comments from three associations, and the rota of irrigation turns for the dry season: the daytime "
            "turns are agreed, the night-time turns still divide the upper and lower valley, and we have asked for "
            "a facilitated meeting before the dialogue's next meeting.",
            "Some commitments are behind. The water company has not yet handed over the pumping records that the "
            "national water agency needs for its survey of all the boreholes in the valley, nor named an "
            "alternate on the committee. Broadcasting the measurements on community radio is waiting for a time "
            "slot, the agreements have not yet been presented to the Municipal Assembly, and the study of the cost "
            "of desalinated water has not started.",
            "We need support to fund the fieldwork for that study and to secure water for the secondary school's "
            "tree nursery during the dry season: 600 seedlings have already germinated for the 2000 trees planned "
            "on the slopes above the springs.",
        ),
    },
    # -- Ecuador (es -> en) ---------------------------------------------------------------------------
    "EC": {
        "summary": _text(
            "In the Puerto El Morro estuary, mangrove clearing for shrimp farms and intensive fishing have "
            "reduced the catch of crab and cockles, and fishers, shrimp farms and the authorities blamed one "
            "another. Fundación Raíces del Manglar (fictional) convened a dialogue to reach agreements on the "
            "sustainable use of the mangrove.",
            "We mapped 32 stakeholders and sent 18 invitations. The first meeting, over two days at the "
            "community hall of Puerto El Morro, was attended by 11 organisations: the parish government (GAD "
            "parroquial), the Ministry of the Environment, the wildlife refuge administration, the Vice-Ministry "
            "of Aquaculture and Fisheries, the associations of crab collectors, of cockle gatherers and of women "
            "seafood processors, the artisanal fishing cooperative, the Young Mangrove Guardians Network (Red de "
            "Jóvenes Guardianes del Manglar), the university and the San Pedro del Estero commune. The shrimp "
            "farms did not come: their trade association declined the invitation.",
            "A shared vision and three agreements were adopted by consensus: to respect the closed season and the "
            "minimum size for red crab, with checks by the associations themselves; to set up a permanent "
            "mangrove round table that meets every two months; and to channel reports of mangrove cutting "
            "through the refuge without exposing those who report. Closing the abandoned shrimp ponds was "
            "recorded as a disagreement.",
            "Afterwards, 13 commitments were recorded. The confidential reporting channel is already working and "
            "has received two reports, both verified in the field; the minutes were read on community radio in "
            "plain language; 17 young people learned the crab and cockle counting protocol; and the associations "
            "check sizes at the pier and at two points in the estuary.",
        ),
        "context": _text(
            "El Morro is part of a wildlife refuge with mangroves and a resident group of dolphins. Many families "
            "make their living gathering red crab and black cockles (concha prieta), fishing with nets and lines, "
            "and cleaning and selling seafood. For decades shrimp farms have occupied part of the mangrove, and "
            "the university's counts show that since 2015 the density of red crab has halved in the areas near "
            "the ponds.",
            "Agreements on the sustainable use and custody of the mangrove existed, but few associations knew "
            "them or kept to them; the San Pedro del Estero commune had a custody agreement in force that almost "
            "nobody knew about. Information on the concessions is scattered across several institutions, and "
            "fishers who belong to no association are left out of every agreement.",
            "The shrimp farms and the middlemen have far more economic power than the associations, and people "
            "who reported illegal mangrove cutting have received threats. That is why we met at a neutral venue "
            "and no public document carries the names of those who report. No actor could solve this alone: the "
            "Ministry grants the custody agreements, the Vice-Ministry sets closed seasons and minimum sizes, the "
            "parish government convenes the community, and only the associations can enforce the rules in the "
            "estuary.",
        ),
        "partner": _text(
            "Fundación Raíces del Manglar (fictional) is a local organisation in Guayas that supports associations "
            "of fishers and women gatherers in reforesting the mangrove, in environmental education and in "
            "defending their custody agreements. We have worked for years with the Young Mangrove Guardians "
            "Network.",
            "We convened the dialogue because every conflict in the estuary ended in accusations and there was no "
            "place to look for agreement. We belong to no trade body and have no stake in fishing or aquaculture, "
            "and that allowed us to invite everyone.",
            "The dialogue was coordinated by Lucía Quishpe and facilitated by Diego Andrade, with the support of "
            "the parish government, which offered the community hall as the venue.",
        ),
        "reflections": _text(
            "Going round the estuary with the associations' leaders let us meet the fishers who belong to no "
            "association, who almost never appear on official lists, and flagging the people at risk from the "
            "start helped us protect them throughout the process. On the other hand, we never managed to talk to "
            "the large shrimp farms, which always referred us to a lawyer.",
            "The boat trip changed the tone of the meeting: seeing the cleared mangrove and the area reforested "
            "by the young people together meant less talk of blame and more of solutions. Reading the agreements "
            "aloud twice before adopting them built trust. But the technical experts talked too much on the first "
            "morning and the fishers barely spoke; today we would plan the second day around the tide, so that "
            "nobody loses a day's work.",
            "The absence of the shrimp farms weighed heavily: without them several agreements are only half "
            "done. To anyone starting a similar dialogue, we recommend finding, from the outset, a trusted person "
            "in the most powerful sector to open the door, and meeting that sector separately before the main "
            "meeting.",
            "In the follow-up we learned that each institution should confirm its resources in writing before "
            "taking on a commitment: the Port Captaincy dropped its patrols for lack of fuel, and the Ministry's "
            "authorisation for the cockle zones has still not come.",
        ),
        "next_steps": _text(
            "The El Morro Permanent Mangrove Round Table (Mesa Permanente del Manglar de El Morro) will hold its "
            "second session at the community hall, convened by the parish government, to adopt its rules of "
            "procedure; the associations already have the draft. After that it will meet every two months. The "
            "shrimp farms are not part of it yet: they will be invited after a separate preliminary meeting.",
            "Some commitments are still open. The two black cockle recovery zones are waiting for the Ministry of "
            "the Environment's authorisation to place the buoys, which have already been bought; only 4 of 11 "
            "restaurants in Playas have signed the pledge not to buy crab in the closed season or below the "
            "minimum size; the round table will have to find another way to watch over the estuary without the "
            "Port Captaincy's patrols; and the Municipality still has to include the mangrove in the update of "
            "its land-use plan.",
            "We need support for the boat's fuel on counting days and for identification vests for the members "
            "who check sizes at the landing points.",
        ),
    },
}


# The demo's review history, as a programme coordinator wrote it: per country, the versions of the case
# study sent for review, oldest first, each with the decision ("changes_requested", "approved", or "" for
# the version under review now), the message to the partner and the comments, each on one report section
# (a ``Part`` key). Comments name organisations and roles, never a person.
REVIEW_COMMENTS: dict[str, list[dict]] = {
    # -- Cabo Verde: changes asked for, then approved ------------------------------------------------
    "CV": [
        {
            "outcome": "changes_requested",
            "note": (
                "Thank you, Terra Viva: this is a clear and honest account, and the council and the farmers' "
                "association proposing the water committee together is exactly the kind of story other partners "
                "need to read. Before we approve it, please add the few details in my comments, mostly dates "
                "and the gaps in attendance and follow-up. These are small additions, not a rewrite."
            ),
            "comments": [
                ("summary",
                 "The summary names the venue of the first meeting but not its date. Please add the month and "
                 "year, so readers can place the committee's first session and the follow-up figures in time."),
                ("participation",
                 "Nine of the 14 invited came. Say briefly why the others did not, especially the national water "
                 "agency and the Municipal Assembly, which now hold two of the commitments (the borehole survey "
                 "and presenting the agreements)."),
                ("commitments",
                 "Two commitments have had no update at all: the water company's pumping records, now overdue, "
                 "and the presentation to the Municipal Assembly. Say who on the committee will follow them up, "
                 "as your own lesson about giving each commitment a contact person suggests."),
            ],
        },
        {
            "outcome": "approved",
            "note": (
                "Thank you for the changes: with the dates and the late commitments spelled out, the case study "
                "gives a fair picture of where the valley stands. Approved."
            ),
            "comments": [],
        },
    ],
    # -- Kenya: approved at the first review ---------------------------------------------------------
    "KE": [
        {
            "outcome": "approved",
            "note": (
                "Approved, with thanks to Pamoja Water Forum. The Kulamawe watering timetable and your frankness "
                "about the gaps in Turkana interpretation make this useful well beyond Isiolo."
            ),
            "comments": [
                ("lessons",
                 "The lesson about tracking dependent commitments together (the river lanes and the compensation "
                 "fund) is one of the clearest in the portfolio. With your agreement we would like to quote it in "
                 "the toolkit's chapter on follow-up."),
            ],
        },
    ],
    # -- Ecuador: changes asked for, the partner has not sent a new version yet ----------------------
    "EC": [
        {
            "outcome": "changes_requested",
            "note": (
                "Thank you, Fundación Raíces del Manglar. This is a strong and careful case study: the boat trip "
                "and the confidential reporting channel are practices other partners can learn from, and the text "
                "keeps everyone at risk out of view. Two small additions before we approve it; see my comments "
                "on the summary and the platform."
            ),
            "comments": [
                ("summary",
                 "The summary lists what the follow-up achieved but not what is stuck. Add one sentence on the "
                 "buoys waiting for the Ministry of the Environment's authorisation and the patrols the Port "
                 "Captaincy dropped, so the summary matches your next steps."),
                ("platform",
                 "The context says fishers who belong to no association are left out of every agreement, and "
                 "they are not among the round table's members. Say whether they will get a seat or another way "
                 "to be heard at the round table."),
            ],
        },
    ],
    # -- Nigeria: under review now, a first comment written, no decision yet -------------------------
    "NG": [
        {
            "outcome": "",
            "note": "",
            "comments": [
                ("summary",
                 "The summary says the levy boards are late. Say when the council expects to approve the levy "
                 "list, and that the boards are meant for all six market gates, so readers can see how far "
                 "behind they are."),
            ],
        },
    ],
}
