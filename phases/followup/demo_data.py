"""Fictional demo data for phase 3 (follow-up), one set per demo dialogue.

Plain data only, read by ``demo.py``. Owners and platform members are stakeholder NUMBERS of the
mapping register (1-based positions in ``phases.mapping.demo_data.STAKEHOLDERS[country]``);
``outcome_index`` is a 0-based index into the outcomes of the held main meeting in
``phases.convening.demo_data.MEETINGS[country]`` (always an agreement or a proposal), or None.
``due_in_days`` is relative to today (None: no due date); each update's ``days_ago`` is counted back
from today, oldest update first, and always falls after the main meeting. Every commitment, note,
piece of evidence and lesson is invented.
"""
from __future__ import annotations

COMMITMENTS: dict[str, list[dict]] = {
    # -- Cape Verde (pt): main meeting 35 days ago ----------------------------------------------------
    "CV": [
        {
            "title": "Convocar e acolher a primeira reunião do comité de água do vale e publicar a ata.",
            "owners": [1, 12],
            "outcome_index": 1,
            "due_in_days": -14,
            "indicator": "Reunião realizada com as quatro partes representadas e ata afixada na sede da associação.",
            "resources": "Sala da delegação municipal em Achada Fazenda; lanche pago pela câmara.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 30, "status": "on_track", "progress": 40,
                 "note": "Convocatória enviada às associações, à empresa de águas e à delegação do ministério.",
                 "evidence": "", "via_link": False},
                {"days_ago": 20, "status": "done", "progress": 100,
                 "note": "Primeira reunião feita com 14 pessoas, das quais 5 agricultoras. Ficou decidido reunir na "
                         "primeira terça-feira de cada mês.",
                 "evidence": "Ata da 1.ª reunião do comité (PDF, 3 páginas)", "via_link": False},
            ],
        },
        {
            "title": "Redigir e aprovar o regulamento interno do comité de água do vale.",
            "owners": [1],
            "outcome_index": 1,
            "due_in_days": 20,
            "indicator": "Regulamento aprovado em reunião do comité, com regras de representação das mulheres.",
            "resources": "Jurista da câmara municipal (meio dia por semana).",
            "support": "Revisão do texto pela Associação de Mulheres Agricultoras antes da votação.",
            "public": True,
            "updates": [
                {"days_ago": 18, "status": "on_track", "progress": 30,
                 "note": "Primeira versão do regulamento circulou pelos membros do comité.",
                 "evidence": "", "via_link": False},
                {"days_ago": 6, "status": "on_track", "progress": 55,
                 "note": "Recebidos comentários de três associações; falta a resposta da empresa de águas.",
                 "evidence": "Versão 2 do regulamento com comentários", "via_link": True},
            ],
        },
        {
            "title": "Divulgar na rádio comunitária e na sede da associação as medições trimestrais de salinidade "
                     "e do nível dos furos.",
            "owners": [19, 22],
            "outcome_index": 2,
            "due_in_days": -5,
            "indicator": "Programa de rádio emitido e quadro de medições afixado, em crioulo e em português.",
            "resources": "Dados da universidade; 15 minutos de antena na rádio comunitária.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 25, "status": "on_track", "progress": 50,
                 "note": "Medições do trimestre concluídas em 22 furos da zona baixa e da zona alta.",
                 "evidence": "Folha de cálculo das medições de março", "via_link": True},
                {"days_ago": 12, "status": "at_risk", "progress": 60,
                 "note": "A rádio ainda não encontrou espaço na grelha; estamos a negociar um horário ao fim da tarde.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Produzir um mapa simplificado da salinidade dos furos, em papel, para as associações.",
            "owners": [19],
            "outcome_index": 2,
            "due_in_days": 10,
            "indicator": "Mapa em formato A3 entregue a todas as associações do vale.",
            "resources": "Impressão paga pelo projeto da universidade.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 28, "status": "on_track", "progress": 20,
                 "note": "Legenda testada com duas agricultoras para garantir que se percebe sem explicação.",
                 "evidence": "", "via_link": False},
                {"days_ago": 9, "status": "done", "progress": 100,
                 "note": "Mapa impresso e entregue a seis associações.",
                 "evidence": "Mapa A3 da salinidade (PDF) e recibos de entrega", "via_link": True},
            ],
        },
        {
            "title": "Instalar rega gota a gota em 40 parcelas abastecidas pela barragem.",
            "owners": [2, 8, 11],
            "outcome_index": 3,
            "due_in_days": 150,
            "indicator": "40 parcelas com rega gota a gota a funcionar, pelo menos 15 delas de mulheres agricultoras.",
            "resources": "Kits de rega do programa do ministério; crédito da caixa rural para a parte dos agricultores.",
            "support": "Apoio técnico da cooperativa na instalação e manutenção.",
            "public": True,
            "updates": [
                {"days_ago": 26, "status": "on_track", "progress": 10,
                 "note": "Lista de 40 parcelas fechada com a cooperativa.",
                 "evidence": "", "via_link": False},
                {"days_ago": 4, "status": "on_track", "progress": 25,
                 "note": "Primeiros 10 kits instalados na zona de Achada Fazenda.",
                 "evidence": "Fotografias das parcelas 3, 7 e 12", "via_link": True},
            ],
        },
        {
            "title": "Abrir uma linha de microcrédito para kits de rega gota a gota destinada a mulheres agricultoras.",
            "owners": [11],
            "outcome_index": 3,
            "due_in_days": 90,
            "indicator": "Pelo menos 20 créditos concedidos a mulheres agricultoras, com reembolso em 18 meses.",
            "resources": "Fundo de crédito rural da caixa.",
            "support": "A associação de mulheres ajuda a preparar os processos.",
            "public": True,
            "updates": [
                {"days_ago": 15, "status": "on_track", "progress": 30,
                 "note": "Condições da linha aprovadas pela direção; 7 pedidos já recebidos.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Preparar o calendário de rega por turnos para a época seca e apresentá-lo no próximo encontro.",
            "owners": [12, 13],
            "outcome_index": 5,
            "due_in_days": 25,
            "indicator": "Calendário aceite pelas associações da zona alta e da zona baixa.",
            "resources": "",
            "support": "Facilitação neutra para as reuniões entre a zona alta e a zona baixa.",
            "public": True,
            "updates": [
                {"days_ago": 27, "status": "on_track", "progress": 20,
                 "note": "Primeira reunião entre as duas associações; cada uma trouxe a sua proposta de turnos.",
                 "evidence": "", "via_link": False},
                {"days_ago": 14, "status": "on_track", "progress": 45,
                 "note": "Acordo sobre os turnos diurnos; os turnos noturnos continuam em aberto.",
                 "evidence": "", "via_link": True},
                {"days_ago": 3, "status": "at_risk", "progress": 50,
                 "note": "Desacordo entre a zona alta e a zona baixa sobre quem rega à noite. Pedimos uma reunião "
                         "facilitada antes do encontro.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Fazer o levantamento de todos os furos do vale, incluindo os privados.",
            "owners": [3],
            "outcome_index": 6,
            "due_in_days": 180,
            "indicator": "Base de dados com localização, profundidade, caudal e salinidade de cada furo.",
            "resources": "Equipa técnica da agência (2 pessoas durante 3 meses).",
            "support": "Autorização dos donos dos furos privados, obtida através da câmara.",
            "public": True,
            "updates": [
                {"days_ago": 22, "status": "on_track", "progress": 10,
                 "note": "Metodologia e ficha de campo aprovadas; trabalho de campo começa no próximo mês.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Dar acesso aos registos de bombagem dos furos da empresa para o levantamento.",
            "owners": [6],
            "outcome_index": 6,
            "due_in_days": -8,
            "indicator": "Registos dos últimos cinco anos entregues à agência nacional de água.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [],
        },
        {
            "title": "Criar um viveiro de espécies locais e plantar 2000 árvores nas encostas acima das nascentes.",
            "owners": [25, 21, 14],
            "outcome_index": 7,
            "due_in_days": 120,
            "indicator": "2000 árvores plantadas e taxa de sobrevivência medida ao fim de seis meses.",
            "resources": "Sementes do viveiro florestal; terreno cedido pela escola.",
            "support": "Água para o viveiro durante a época seca.",
            "public": True,
            "updates": [
                {"days_ago": 24, "status": "on_track", "progress": 15,
                 "note": "Viveiro montado no recinto da escola com os alunos do 10.º ano.",
                 "evidence": "", "via_link": False},
                {"days_ago": 7, "status": "on_track", "progress": 35,
                 "note": "600 plântulas de acácia e tamarindo já germinadas.",
                 "evidence": "Fotografias do viveiro", "via_link": True},
            ],
        },
        {
            "title": "Analisar a água de consumo dos chafarizes da zona baixa e informar as famílias.",
            "owners": [5],
            "outcome_index": None,
            "due_in_days": 30,
            "indicator": "Resultados das análises lidos em reunião comunitária em Pedra Badejo.",
            "resources": "Laboratório da delegação de saúde.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 19, "status": "done", "progress": 100,
                 "note": "Análises feitas em 5 chafarizes: dois acima do limite de cloretos. Famílias informadas.",
                 "evidence": "Relatório do laboratório, 4 páginas", "via_link": False},
            ],
        },
        {
            "title": "Apresentar os acordos do diálogo na Assembleia Municipal.",
            "owners": [4],
            "outcome_index": None,
            "due_in_days": None,
            "indicator": "Acordos discutidos numa sessão ordinária e registados em ata.",
            "resources": "",
            "support": "A associação de agricultores apresenta os acordos em conjunto com a câmara.",
            "public": True,
            "updates": [],
        },
        {
            "title": "Vender água da barragem a preço reduzido num ponto de venda em Achada Fazenda.",
            "owners": [7],
            "outcome_index": None,
            "due_in_days": 60,
            "indicator": "Ponto de venda aberto três dias por semana.",
            "resources": "Depósito de 20 m³ da sociedade.",
            "support": "",
            "public": False,
            "updates": [
                {"days_ago": 29, "status": "on_track", "progress": 10,
                 "note": "Local do depósito escolhido.",
                 "evidence": "", "via_link": True},
                {"days_ago": 11, "status": "dropped", "progress": 10,
                 "note": "A sociedade retirou a proposta: a barragem não tem caudal suficiente este ano para vender "
                         "água a terceiros.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Estudar o custo da água dessalinizada para os pequenos produtores e apresentar os resultados "
                     "ao comité.",
            "owners": [6, 19],
            "outcome_index": None,
            "due_in_days": 200,
            "indicator": "Estudo com o custo por metro cúbico discutido em reunião do comité.",
            "resources": "Dados de custos da empresa; estudante de mestrado da universidade.",
            "support": "Financiamento de um parceiro para o trabalho de campo.",
            "public": True,
            "updates": [
                {"days_ago": 16, "status": "not_started", "progress": 0,
                 "note": "Termos de referência ainda em discussão entre a empresa e a universidade.",
                 "evidence": "", "via_link": False},
            ],
        },
    ],
    # -- Ecuador (es): main meeting 28 days ago --------------------------------------------------------
    "EC": [
        {
            "title": "Controlar la talla mínima del cangrejo rojo en los tres puntos de desembarque.",
            "owners": [16, 5],
            "outcome_index": 1,
            "due_in_days": 15,
            "indicator": "Controles semanales registrados en los tres puntos; menos del 5 % de cangrejos bajo talla.",
            "resources": "Reglas de medición entregadas por el Viceministerio; turnos de socios voluntarios.",
            "support": "Chalecos de identificación para los controladores.",
            "public": True,
            "updates": [
                {"days_ago": 24, "status": "on_track", "progress": 30,
                 "note": "Se capacitó a 12 socios en la medición del caparazón.",
                 "evidence": "", "via_link": False},
                {"days_ago": 10, "status": "on_track", "progress": 60,
                 "note": "Controles en marcha en el muelle y en dos puntos del estero.",
                 "evidence": "Planillas de control de las dos últimas semanas", "via_link": True},
            ],
        },
        {
            "title": "Conseguir que los restaurantes de Playas no compren cangrejo en veda ni bajo talla.",
            "owners": [13],
            "outcome_index": 1,
            "due_in_days": -3,
            "indicator": "Al menos 10 restaurantes firman el compromiso y lo exhiben en su local.",
            "resources": "Afiches impresos por la fundación.",
            "support": "Difusión en la radio comunitaria.",
            "public": True,
            "updates": [
                {"days_ago": 20, "status": "on_track", "progress": 20,
                 "note": "Compromiso presentado en la reunión mensual de la asociación.",
                 "evidence": "", "via_link": True},
                {"days_ago": 5, "status": "at_risk", "progress": 25,
                 "note": "Solo 4 de 11 restaurantes firmaron; los demás dicen que los intermediarios no les dan "
                         "otra opción.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Convocar la segunda sesión de la mesa permanente del manglar y aprobar su reglamento.",
            "owners": [1],
            "outcome_index": 2,
            "due_in_days": 32,
            "indicator": "Sesión realizada en la casa comunal con reglamento aprobado.",
            "resources": "Casa comunal y refrigerio del GAD parroquial.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 14, "status": "on_track", "progress": 40,
                 "note": "Borrador de reglamento enviado a las asociaciones; fecha fijada.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Publicar el acta del primer encuentro en palabras sencillas y leerla en la radio comunitaria.",
            "owners": [26],
            "outcome_index": None,
            "due_in_days": -14,
            "indicator": "Acta resumida distribuida en las asociaciones y programa de radio emitido.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 20, "status": "on_track", "progress": 50,
                 "note": "Resumen de cuatro páginas revisado por la fundación.",
                 "evidence": "", "via_link": False},
                {"days_ago": 12, "status": "done", "progress": 100,
                 "note": "Acta leída en el programa del sábado y entregada en la casa comunal.",
                 "evidence": "Acta resumida (PDF) y grabación del programa", "via_link": True},
            ],
        },
        {
            "title": "Habilitar un canal confidencial de denuncias de tala en la administración del refugio.",
            "owners": [4, 21],
            "outcome_index": 3,
            "due_in_days": -10,
            "indicator": "Canal funcionando y denuncias atendidas sin revelar la identidad de quien informa.",
            "resources": "Teléfono institucional del refugio.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 22, "status": "on_track", "progress": 30,
                 "note": "Se acordó un número de WhatsApp y un buzón cerrado en la casa comunal.",
                 "evidence": "", "via_link": False},
                {"days_ago": 15, "status": "on_track", "progress": 70,
                 "note": "Procedimiento escrito: solo el guardaparque y la vocera del colectivo ven las denuncias.",
                 "evidence": "", "via_link": True},
                {"days_ago": 6, "status": "done", "progress": 100,
                 "note": "Canal abierto; ya se recibieron dos denuncias, verificadas en campo.",
                 "evidence": "Afiche del canal de denuncias", "via_link": False},
            ],
        },
        {
            "title": "Delimitar con boyas dos zonas de recuperación de concha prieta durante un año.",
            "owners": [17, 3, 31],
            "outcome_index": 5,
            "due_in_days": 75,
            "indicator": "Dos zonas señalizadas y respetadas según el monitoreo comunitario.",
            "resources": "Boyas y cabos financiados por la Alianza Internacional por los Manglares.",
            "support": "Autorización del Ministerio del Ambiente.",
            "public": True,
            "updates": [
                {"days_ago": 18, "status": "on_track", "progress": 20,
                 "note": "Las concheras eligieron las dos zonas y se compraron las boyas.",
                 "evidence": "", "via_link": True},
                {"days_ago": 4, "status": "at_risk", "progress": 25,
                 "note": "La autorización del Ministerio sigue pendiente; sin ella no se pueden colocar las boyas.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Monitoreo comunitario mensual de cangrejo y concha a cargo de la Red de Jóvenes Guardianes.",
            "owners": [20, 23],
            "outcome_index": 6,
            "due_in_days": 180,
            "indicator": "Seis conteos mensuales completos y resultados presentados en la mesa.",
            "resources": "Protocolo y equipos de la universidad.",
            "support": "Combustible para la lancha los días de conteo.",
            "public": True,
            "updates": [
                {"days_ago": 21, "status": "on_track", "progress": 15,
                 "note": "Primer conteo hecho en cuatro parcelas del estero.",
                 "evidence": "", "via_link": False},
                {"days_ago": 9, "status": "on_track", "progress": 30,
                 "note": "Segundo conteo; los jóvenes ya llenan las planillas sin ayuda.",
                 "evidence": "Planillas de conteo del mes", "via_link": True},
            ],
        },
        {
            "title": "Capacitar a 15 jóvenes en el protocolo de conteo de cangrejo y concha.",
            "owners": [23],
            "outcome_index": 6,
            "due_in_days": 5,
            "indicator": "15 jóvenes capacitados, al menos la mitad mujeres.",
            "resources": "Docente y dos estudiantes de la facultad.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 16, "status": "done", "progress": 100,
                 "note": "Taller de dos días con 17 jóvenes, 9 de ellas mujeres.",
                 "evidence": "Lista de asistencia del taller", "via_link": False},
            ],
        },
        {
            "title": "Organizar una reunión previa por separado con las camaroneras en un lugar neutral.",
            "owners": [31, 1],
            "outcome_index": 7,
            "due_in_days": -4,
            "indicator": "Al menos dos camaroneras asisten y aceptan venir a la próxima sesión de la mesa.",
            "resources": "",
            "support": "Un facilitador externo que las camaroneras consideren neutral.",
            "public": False,
            "updates": [],
        },
        {
            "title": "Reforestar dos hectáreas de una piscina abandonada de la camaronera familiar.",
            "owners": [11],
            "outcome_index": None,
            "due_in_days": 150,
            "indicator": "Dos hectáreas plantadas con propágulos de mangle rojo.",
            "resources": "Mano de obra familiar; propágulos del vivero de la Red de Jóvenes.",
            "support": "",
            "public": False,
            "updates": [
                {"days_ago": 7, "status": "on_track", "progress": 10,
                 "note": "Se limpió el canal de entrada para que vuelva a entrar la marea.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Aportar un dólar por turista a la reforestación del manglar.",
            "owners": [12, 20],
            "outcome_index": None,
            "due_in_days": 90,
            "indicator": "Aporte entregado cada mes a la Red de Jóvenes con recibo.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 19, "status": "on_track", "progress": 20,
                 "note": "Tarifa de los recorridos ajustada y explicada a los turistas.",
                 "evidence": "", "via_link": False},
                {"days_ago": 3, "status": "on_track", "progress": 40,
                 "note": "Primer aporte de 86 dólares entregado.",
                 "evidence": "Recibo firmado por la coordinadora de la Red", "via_link": True},
            ],
        },
        {
            "title": "Incluir el manglar de El Morro en la actualización del plan de ordenamiento territorial.",
            "owners": [2],
            "outcome_index": None,
            "due_in_days": None,
            "indicator": "Capítulo sobre el manglar en el borrador del plan.",
            "resources": "",
            "support": "Mapas de la universidad sobre la cobertura de manglar.",
            "public": True,
            "updates": [],
        },
        {
            "title": "Patrullajes quincenales de la Capitanía en el estero.",
            "owners": [6],
            "outcome_index": 3,
            "due_in_days": 40,
            "indicator": "Dos patrullajes al mes con informe a la mesa.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 23, "status": "on_track", "progress": 10,
                 "note": "Primer patrullaje coordinado con el guardaparque.",
                 "evidence": "", "via_link": False},
                {"days_ago": 8, "status": "dropped", "progress": 10,
                 "note": "La Capitanía informa que no tiene combustible asignado para el estero este año. Se "
                         "llevará el tema a la mesa.",
                 "evidence": "", "via_link": False},
            ],
        },
    ],
    # -- Kenya (en): main meeting 42 days ago -----------------------------------------------------------
    "KE": [
        {
            "title": "Draft terms of reference for the joint water and grazing committee for adoption at the "
                     "follow-up meeting.",
            "owners": [1],
            "outcome_index": 1,
            "due_in_days": 20,
            "indicator": "Draft circulated to all groups two weeks before the follow-up meeting.",
            "resources": "County legal officer's time.",
            "support": "Comments from the elders and the pastoralist women's network.",
            "public": True,
            "updates": [
                {"days_ago": 35, "status": "on_track", "progress": 20,
                 "note": "Outline agreed with the peace committee.",
                 "evidence": "", "via_link": False},
                {"days_ago": 21, "status": "on_track", "progress": 60,
                 "note": "Full draft ready, including a rotating chair and a seat for young herders.",
                 "evidence": "", "via_link": False},
                {"days_ago": 6, "status": "on_track", "progress": 85,
                 "note": "Draft translated into Kiswahili and sent to all groups.",
                 "evidence": "Terms of reference, draft 3", "via_link": False},
            ],
        },
        {
            "title": "Name the herders' representatives on the committee, including one woman and one young herder.",
            "owners": [24, 17],
            "outcome_index": 1,
            "due_in_days": 14,
            "indicator": "Names sent to the county in writing.",
            "resources": "",
            "support": "Transport for a meeting of herders in Ngaremara.",
            "public": True,
            "updates": [
                {"days_ago": 30, "status": "on_track", "progress": 30,
                 "note": "The elders met; the women's network asked for two women instead of one.",
                 "evidence": "", "via_link": True},
                {"days_ago": 12, "status": "on_track", "progress": 70,
                 "note": "Four names agreed; the young herders are still choosing theirs.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Name the farmers' representatives on the committee.",
            "owners": [10, 16],
            "outcome_index": 1,
            "due_in_days": 14,
            "indicator": "Names sent to the county in writing.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 28, "status": "on_track", "progress": 50,
                 "note": "Cooperative and women farmers' group agreed to share three seats.",
                 "evidence": "", "via_link": False},
                {"days_ago": 10, "status": "done", "progress": 100,
                 "note": "Three names sent, one of them from the Tumaini women's group.",
                 "evidence": "Letter to the county listing three representatives", "via_link": True},
            ],
        },
        {
            "title": "Reopen the Kulamawe water point on a trial basis with agreed watering times.",
            "owners": [8, 15, 25],
            "outcome_index": 2,
            "due_in_days": -12,
            "indicator": "Water point reopened with a watering timetable signed by herders and farmers.",
            "resources": "Trough repair by the water company.",
            "support": "Peace committee present on the first watering days.",
            "public": True,
            "updates": [
                {"days_ago": 36, "status": "on_track", "progress": 20,
                 "note": "Watering timetable drafted: herds in the morning, domestic users in the afternoon.",
                 "evidence": "", "via_link": False},
                {"days_ago": 24, "status": "on_track", "progress": 60,
                 "note": "Trough repaired; elders and the water users' association signed the timetable.",
                 "evidence": "", "via_link": True},
                {"days_ago": 14, "status": "done", "progress": 100,
                 "note": "Water point reopened on the agreed timetable; no incident reported in the first days.",
                 "evidence": "Signed watering timetable; photo of the repaired trough", "via_link": False},
            ],
        },
        {
            "title": "Repair the pump of the Ngaremara borehole so that the second closed water point can reopen.",
            "owners": [8, 13],
            "outcome_index": 2,
            "due_in_days": -15,
            "indicator": "Borehole pumping and water point open on the agreed timetable.",
            "resources": "Drilling company's technician; county budget for the spare part.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 33, "status": "on_track", "progress": 25,
                 "note": "Pump inspected: the motor needs to be replaced.",
                 "evidence": "", "via_link": False},
                {"days_ago": 19, "status": "at_risk", "progress": 40,
                 "note": "The spare motor is out of stock in Nairobi; the supplier promises three more weeks.",
                 "evidence": "", "via_link": True},
                {"days_ago": 5, "status": "at_risk", "progress": 45,
                 "note": "Still no motor. Herders ask for a water bowser in the meantime.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Joint police and peace committee presence at the reopened water points during the first month.",
            "owners": [5, 18],
            "outcome_index": 2,
            "due_in_days": 10,
            "indicator": "Presence on every watering day; incidents recorded and reported to the committee.",
            "resources": "",
            "support": "Fuel for the police vehicle.",
            "public": True,
            "updates": [
                {"days_ago": 30, "status": "on_track", "progress": 40,
                 "note": "Rota agreed between the police post and the interfaith committee.",
                 "evidence": "", "via_link": False},
                {"days_ago": 8, "status": "on_track", "progress": 75,
                 "note": "Present on 18 of 20 watering days; one argument settled on the spot.",
                 "evidence": "Incident log", "via_link": True},
            ],
        },
        {
            "title": "Broadcast the drought early-warning bulletins every week on Ewaso FM in Kiswahili and Borana.",
            "owners": [4, 30],
            "outcome_index": 3,
            "due_in_days": -20,
            "indicator": "A weekly bulletin broadcast in both languages.",
            "resources": "Free airtime from the station.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 38, "status": "on_track", "progress": 40,
                 "note": "Slot agreed on Thursday evenings.",
                 "evidence": "", "via_link": False},
                {"days_ago": 27, "status": "done", "progress": 100,
                 "note": "Bulletins broadcast every week since, in Kiswahili and Borana.",
                 "evidence": "Programme schedule and recordings of four bulletins", "via_link": True},
            ],
        },
        {
            "title": "Add Turkana and Samburu versions of the early-warning bulletins.",
            "owners": [21],
            "outcome_index": 3,
            "due_in_days": 60,
            "indicator": "Bulletins broadcast in Turkana and Samburu at least twice a month.",
            "resources": "Youth volunteers who speak both languages.",
            "support": "Airtime on Ewaso FM.",
            "public": True,
            "updates": [],
        },
        {
            "title": "Map the dry-season stock routes to the river with elders, herders and farmers.",
            "owners": [28, 24, 10],
            "outcome_index": 5,
            "due_in_days": 120,
            "indicator": "A map of the routes validated by elders, herders and farmers.",
            "resources": "The research centre's maps and GPS units.",
            "support": "Funding for two field weeks.",
            "public": True,
            "updates": [
                {"days_ago": 32, "status": "on_track", "progress": 10,
                 "note": "Field plan agreed; farmers asked to walk the routes together with the herders.",
                 "evidence": "", "via_link": False},
                {"days_ago": 15, "status": "on_track", "progress": 30,
                 "note": "Two routes walked with elders and farmers.",
                 "evidence": "GPS tracks of two routes", "via_link": True},
            ],
        },
        {
            "title": "Survey how far pastoralist women walk for water in the dry season.",
            "owners": [17],
            "outcome_index": None,
            "due_in_days": 45,
            "indicator": "Survey of at least 100 households presented to the committee.",
            "resources": "Network volunteers.",
            "support": "Help from the research centre to analyse the data.",
            "public": True,
            "updates": [
                {"days_ago": 11, "status": "on_track", "progress": 40,
                 "note": "52 households interviewed in Ngaremara and Oldonyiro.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Write a concept note for a crop damage compensation fund and present it to development partners.",
            "owners": [1],
            "outcome_index": 6,
            "due_in_days": 75,
            "indicator": "Concept note presented to at least two partners.",
            "resources": "",
            "support": "Farmers' records of crop damage over the last two seasons.",
            "public": True,
            "updates": [
                {"days_ago": 20, "status": "on_track", "progress": 25,
                 "note": "Outline and first budget estimate shared with the UN programme.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Table a county allocation for the compensation fund in the supplementary budget.",
            "owners": [2],
            "outcome_index": 6,
            "due_in_days": 40,
            "indicator": "Allocation approved by the County Assembly.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 26, "status": "at_risk", "progress": 20,
                 "note": "The supplementary budget has been postponed; the committee has not yet tabled the item.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Publish the abstraction limits for the driest months and install meters on 30 farm intakes.",
            "owners": [3],
            "outcome_index": 7,
            "due_in_days": 150,
            "indicator": "Limits published and 30 intakes metered.",
            "resources": "Meters from the authority's sub-catchment programme.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 29, "status": "on_track", "progress": 15,
                 "note": "Limits drafted from the sub-catchment management plan.",
                 "evidence": "", "via_link": False},
                {"days_ago": 9, "status": "on_track", "progress": 30,
                 "note": "Water users' association listed the 30 largest intakes.",
                 "evidence": "List of intakes", "via_link": True},
            ],
        },
        {
            "title": "Cut night-time irrigation abstraction by a third from January to March.",
            "owners": [11],
            "outcome_index": 7,
            "due_in_days": 90,
            "indicator": "Meter readings show a one-third reduction compared with last year.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 22, "status": "on_track", "progress": 30,
                 "note": "Night pumping schedule changed on two of the three blocks.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Leave a ten-metre access lane to the river at two points through the cooperative's plots.",
            "owners": [10],
            "outcome_index": None,
            "due_in_days": 30,
            "indicator": "Two lanes marked and open to herds.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 31, "status": "on_track", "progress": 10,
                 "note": "Two possible lanes identified.",
                 "evidence": "", "via_link": False},
                {"days_ago": 13, "status": "dropped", "progress": 10,
                 "note": "The members voted against the lanes until crop damage compensation is settled.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Hold a peace football tournament for young herders and farmers' sons and daughters.",
            "owners": [21, 26],
            "outcome_index": None,
            "due_in_days": 25,
            "indicator": "Eight mixed teams play, with at least two girls' teams.",
            "resources": "Balls and jerseys from the diocesan commission.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 17, "status": "on_track", "progress": 50,
                 "note": "Eight teams registered, each mixing herders and farmers.",
                 "evidence": "", "via_link": False},
                {"days_ago": 4, "status": "on_track", "progress": 70,
                 "note": "Pitch at Ngaremara booked; two girls' teams confirmed.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Train the committee members in mediation and dispute settlement.",
            "owners": [20],
            "outcome_index": 1,
            "due_in_days": 55,
            "indicator": "All committee members complete a two-day training.",
            "resources": "Red Cross trainers.",
            "support": "Venue and meals.",
            "public": True,
            "updates": [],
        },
        {
            "title": "Pay for water trucking to the Ngaremara herders during the dry spell.",
            "owners": [14],
            "outcome_index": None,
            "due_in_days": None,
            "indicator": "Water delivered to the Ngaremara water point every day of the dry spell.",
            "resources": "Lodge's community fund.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 37, "status": "done", "progress": 100,
                 "note": "Ten days of water trucking paid for and delivered.",
                 "evidence": "Delivery notes signed by the herders' representative", "via_link": False},
            ],
        },
    ],
    # -- Nigeria (en): main meeting 21 days ago ---------------------------------------------------------
    "NG": [
        {
            "title": "Print and put up boards with the official levy list at all six market gates, in English and "
                     "Igbo.",
            "owners": [1],
            "outcome_index": 1,
            "due_in_days": 10,
            "indicator": "Six boards up and readable at every gate.",
            "resources": "Council's market budget.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 15, "status": "on_track", "progress": 20,
                 "note": "Board design ready.",
                 "evidence": "", "via_link": False},
                {"days_ago": 5, "status": "at_risk", "progress": 30,
                 "note": "The levy list is still waiting for the chairman's approval, so the boards cannot be "
                         "printed.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Read the official levy list every week on the market hour programme.",
            "owners": [28, 14],
            "outcome_index": 1,
            "due_in_days": 30,
            "indicator": "The list read in English and Igbo for four weeks in a row.",
            "resources": "Free airtime.",
            "support": "The approved list from the council.",
            "public": True,
            "updates": [],
        },
        {
            "title": "Convene the first monthly market forum.",
            "owners": [1, 14],
            "outcome_index": 2,
            "due_in_days": -3,
            "indicator": "Forum held with the local government, traders, women's groups, the waste contractor and "
                         "the health centre.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 18, "status": "on_track", "progress": 50,
                 "note": "Date and venue agreed: the women's wing hall, on a market closing day.",
                 "evidence": "", "via_link": False},
                {"days_ago": 4, "status": "done", "progress": 100,
                 "note": "First forum held with 19 participants, 11 of them women.",
                 "evidence": "Attendance sheet and minutes", "via_link": True},
            ],
        },
        {
            "title": "Bring section leaders from every part of the market to the monthly forum.",
            "owners": [14, 15],
            "outcome_index": 2,
            "due_in_days": None,
            "indicator": "At least one woman from each of the eight sections attends each forum.",
            "resources": "",
            "support": "Transport for traders from the far sections.",
            "public": True,
            "updates": [
                {"days_ago": 12, "status": "on_track", "progress": 60,
                 "note": "Six of the eight sections sent someone to the first forum.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Open a confidential reporting line for harassment in the market.",
            "owners": [18, 17],
            "outcome_index": 3,
            "due_in_days": -7,
            "indicator": "Line answered every market day; every call recorded without names.",
            "resources": "A phone and two trained volunteers.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 19, "status": "on_track", "progress": 40,
                 "note": "Two volunteers trained in listening and in referral.",
                 "evidence": "", "via_link": False},
                {"days_ago": 13, "status": "on_track", "progress": 80,
                 "note": "Number tested; flyers printed.",
                 "evidence": "", "via_link": True},
                {"days_ago": 6, "status": "done", "progress": 100,
                 "note": "Line open. Seven calls in the first week.",
                 "evidence": "Flyer with the line's number (500 copies)", "via_link": False},
            ],
        },
        {
            "title": "Agree a referral protocol between the reporting line and the health centre.",
            "owners": [7, 18],
            "outcome_index": 3,
            "due_in_days": 14,
            "indicator": "Written protocol signed and known to every nurse on duty.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 10, "status": "on_track", "progress": 50,
                 "note": "Draft protocol discussed with the nurse in charge.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Train 20 market women as safety champions.",
            "owners": [17, 19],
            "outcome_index": 3,
            "due_in_days": 45,
            "indicator": "20 women trained, covering every section of the market.",
            "resources": "Training materials from Women's Voice Anambra.",
            "support": "A venue close to the market.",
            "public": True,
            "updates": [
                {"days_ago": 16, "status": "on_track", "progress": 20,
                 "note": "20 women selected by the sections.",
                 "evidence": "", "via_link": False},
                {"days_ago": 2, "status": "on_track", "progress": 35,
                 "note": "First of three sessions held.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Gender desk officer visits the market once a week.",
            "owners": [5],
            "outcome_index": 3,
            "due_in_days": -2,
            "indicator": "Weekly visits recorded in the market women's wing book.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 14, "status": "at_risk", "progress": 10,
                 "note": "The officer was transferred; no replacement has been posted yet.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Hold a joint clean-up day every month in the foodstuff section.",
            "owners": [9, 22, 16],
            "outcome_index": 5,
            "due_in_days": -10,
            "indicator": "First clean-up held with drains cleared and waste removed the same day.",
            "resources": "Contractor's truck and tools.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 17, "status": "on_track", "progress": 50,
                 "note": "Apprentices' forum registered 30 volunteers.",
                 "evidence": "", "via_link": True},
                {"days_ago": 11, "status": "done", "progress": 100,
                 "note": "Clean-up held with 31 volunteers; all drains in the foodstuff lanes cleared.",
                 "evidence": "Photos of the cleared drains", "via_link": False},
            ],
        },
        {
            "title": "Place two more skips in the foodstuff section.",
            "owners": [4],
            "outcome_index": 5,
            "due_in_days": 20,
            "indicator": "Two skips in place and emptied at least twice a week.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 9, "status": "on_track", "progress": 30,
                 "note": "Two skips ordered; locations agreed with the foodstuff cooperative.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Train apprentices in waste sorting at the stalls.",
            "owners": [22],
            "outcome_index": 5,
            "due_in_days": 60,
            "indicator": "50 apprentices trained.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 8, "status": "on_track", "progress": 25,
                 "note": "First group of 12 apprentices trained.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Cost the repair of the two toilet blocks with an accessible cubicle, lighting and a separate "
                     "entrance for women.",
            "owners": [2, 21, 10],
            "outcome_index": 6,
            "due_in_days": 120,
            "indicator": "Costed plan agreed by the forum and a funder identified.",
            "resources": "",
            "support": "An engineer's assessment.",
            "public": True,
            "updates": [
                {"days_ago": 13, "status": "on_track", "progress": 15,
                 "note": "Joint visit of both blocks; accessibility needs listed by the disability association.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Audit the main lanes for access by traders with disabilities.",
            "owners": [21],
            "outcome_index": None,
            "due_in_days": 75,
            "indicator": "Audit report with priorities presented to the forum.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 7, "status": "on_track", "progress": 40,
                 "note": "Three of the eight sections audited.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Issue identity cards to official levy collectors.",
            "owners": [3, 8],
            "outcome_index": 7,
            "due_in_days": 90,
            "indicator": "Every official collector wears a card with photo and number.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [],
        },
        {
            "title": "Issue a receipt for every payment of association dues.",
            "owners": [8],
            "outcome_index": None,
            "due_in_days": 30,
            "indicator": "Receipt books in use in every section.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 16, "status": "on_track", "progress": 10,
                 "note": "Receipt books printed.",
                 "evidence": "", "via_link": False},
                {"days_ago": 3, "status": "dropped", "progress": 10,
                 "note": "The executive voted to keep cash collection for now; the question goes back to the forum.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Start savings groups for women traders with the microfinance bank.",
            "owners": [11, 15],
            "outcome_index": None,
            "due_in_days": 150,
            "indicator": "Five savings groups of at least 15 traders with accounts at the bank.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 6, "status": "on_track", "progress": 10,
                 "note": "Information session held in the foodstuff section.",
                 "evidence": "", "via_link": False},
            ],
        },
    ],
    # -- Uganda (en): main meeting 14 days ago ----------------------------------------------------------
    "UG": [
        {
            "title": "Hold a free registration day for youth collection and sorting groups at the division.",
            "owners": [2],
            "outcome_index": 1,
            "due_in_days": 45,
            "indicator": "At least 15 youth groups registered.",
            "resources": "Division's community development office.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 12, "status": "on_track", "progress": 20,
                 "note": "Registration form simplified to two pages.",
                 "evidence": "", "via_link": False},
                {"days_ago": 3, "status": "on_track", "progress": 45,
                 "note": "Registration day set; announced on Kawempe FM.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Help 12 youth groups prepare their registration documents.",
            "owners": [13, 15],
            "outcome_index": 1,
            "due_in_days": 30,
            "indicator": "12 complete files handed in at the registration day.",
            "resources": "",
            "support": "Photocopies and passport photos.",
            "public": True,
            "updates": [
                {"days_ago": 9, "status": "on_track", "progress": 40,
                 "note": "Five groups' files ready; constitution templates shared.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Post weekly buying prices for sorted plastics at the three collection points.",
            "owners": [7],
            "outcome_index": 2,
            "due_in_days": -7,
            "indicator": "Prices posted every Monday at all three points.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 12, "status": "on_track", "progress": 50,
                 "note": "Price boards made.",
                 "evidence": "", "via_link": True},
                {"days_ago": 5, "status": "done", "progress": 100,
                 "note": "Prices posted at Kalerwe, Bwaise and Kazo for two weeks running.",
                 "evidence": "Photos of the price boards", "via_link": True},
            ],
        },
        {
            "title": "Announce the weekly plastic prices on Kawempe FM.",
            "owners": [24],
            "outcome_index": 2,
            "due_in_days": 20,
            "indicator": "Prices announced every Monday morning.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 6, "status": "on_track", "progress": 30,
                 "note": "Slot agreed in the Monday morning programme.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Provide gloves, boots and masks to 200 registered sorters.",
            "owners": [7, 2, 26],
            "outcome_index": 3,
            "due_in_days": -3,
            "indicator": "200 full sets handed out, with a signed list.",
            "resources": "Recycler and division share the cost; the development partner funds the boots.",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 10, "status": "on_track", "progress": 30,
                 "note": "Gloves and masks bought.",
                 "evidence": "", "via_link": False},
                {"days_ago": 2, "status": "at_risk", "progress": 40,
                 "note": "Gloves handed out, but the boots are held at customs.",
                 "evidence": "Signed list of 120 sorters who received gloves", "via_link": True},
            ],
        },
        {
            "title": "Find a site and a budget for the fair-price collection point in Bwaise.",
            "owners": [13, 26],
            "outcome_index": 5,
            "due_in_days": 180,
            "indicator": "Site agreed and budget approved by the development partner.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 8, "status": "on_track", "progress": 10,
                 "note": "Two possible sites visited.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Health checks and first-aid training for 60 sorters.",
            "owners": [22],
            "outcome_index": 6,
            "due_in_days": 60,
            "indicator": "60 sorters checked and trained.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [],
        },
        {
            "title": "Secure land for a sheltered sorting site with water and a childcare corner.",
            "owners": [5, 19, 1],
            "outcome_index": 7,
            "due_in_days": 100,
            "indicator": "A plot agreed in writing, with space for a childcare corner.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 11, "status": "on_track", "progress": 15,
                 "note": "LC I proposed a plot near the Bwaise drainage channel.",
                 "evidence": "", "via_link": False},
                {"days_ago": 4, "status": "at_risk", "progress": 15,
                 "note": "A private owner claims the plot; KCCA is checking the land records.",
                 "evidence": "", "via_link": True},
            ],
        },
        {
            "title": "Pilot buying back used bottles from registered youth groups at an agreed price.",
            "owners": [8],
            "outcome_index": None,
            "due_in_days": 150,
            "indicator": "Five tonnes of bottles bought from youth groups.",
            "resources": "",
            "support": "",
            "public": False,
            "updates": [],
        },
        {
            "title": "Prepare a research note on producer responsibility options for the next meeting.",
            "owners": [22, 14, 9],
            "outcome_index": None,
            "due_in_days": 25,
            "indicator": "Note shared with all parties before the next meeting.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 7, "status": "on_track", "progress": 20,
                 "note": "Outline agreed, including the manufacturers' voluntary take-back option.",
                 "evidence": "", "via_link": False},
            ],
        },
        {
            "title": "Run a short sorting and safety course for young collectors at the skills centre.",
            "owners": [23, 3],
            "outcome_index": None,
            "due_in_days": None,
            "indicator": "25 young collectors complete the course.",
            "resources": "",
            "support": "",
            "public": True,
            "updates": [
                {"days_ago": 13, "status": "on_track", "progress": 40,
                 "note": "25 young collectors enrolled.",
                 "evidence": "", "via_link": False},
                {"days_ago": 1, "status": "done", "progress": 100,
                 "note": "Course finished; 23 of 25 received certificates.",
                 "evidence": "List of certificates", "via_link": False},
            ],
        },
    ],
}

LESSONS: dict[str, dict[str, dict]] = {
    # -- Cape Verde (pt) ------------------------------------------------------------------------------
    "CV": {
        "mapping": {
            "worked": "Fazer o mapeamento com as próprias associações, numa tarde na sede, revelou atores que não "
                      "conhecíamos, como as rabidantes e os criadores de gado de Boaventura. O mapa de poder e "
                      "interesse ajudou a equipa a perceber porque é que a empresa de águas domina as decisões.",
            "did_not_work": "Não conseguimos identificar os donos dos furos privados: ninguém quis dar nomes por "
                            "receio de conflitos. A lista de contactos da câmara estava desatualizada e perdemos "
                            "duas semanas a confirmar telefones.",
            "would_change": "Começaríamos pelas agricultoras e pelos jovens, e só depois pelas instituições, para "
                            "que a lista não fosse desenhada a partir de cima. Também pediríamos à câmara uma "
                            "carta de apresentação logo no início.",
            "surprised": "A associação dos emigrantes mostrou muito interesse e já financiou furos no passado. "
                         "Não esperávamos que a paróquia fosse um dos poucos espaços em que as duas zonas do vale "
                         "se encontram.",
        },
        "convening": {
            "worked": "O espaço para crianças permitiu que muitas agricultoras ficassem o dia inteiro. Falar em "
                      "crioulo nas rondas de palavra, com resumo em português no quadro, deu confiança a quem "
                      "nunca tinha falado em público.",
            "did_not_work": "A apresentação da universidade foi demasiado técnica e longa. A empresa de águas "
                            "chegou tarde e saiu antes dos acordos, o que enfraqueceu o compromisso sobre a "
                            "dessalinização.",
            "would_change": "Prepararíamos com a universidade uma versão curta, com mapas e sem tabelas. "
                            "Terminaríamos antes da rega da tarde, como vários participantes pediram.",
            "surprised": "A vereadora e o presidente da associação de agricultores propuseram juntos o comité de "
                         "água, quando antes do encontro nem se falavam. As mulheres agricultoras falaram muito "
                         "mais nos grupos pequenos do que em plenário.",
        },
        "followup": {
            "worked": "As ligações privadas para reportar o progresso funcionaram bem com a universidade e a "
                      "cooperativa, que atualizam sem precisar de conta. A reunião mensal do comité mantém os "
                      "compromissos vivos.",
            "did_not_work": "A empresa de águas ainda não entregou os registos de bombagem, e sem eles o "
                            "levantamento dos furos atrasa. O ponto de venda de água foi abandonado porque não "
                            "verificámos antes o caudal da barragem.",
            "would_change": "Verificaríamos a viabilidade técnica de cada compromisso antes de o registar. "
                            "Daríamos a cada compromisso uma pessoa de contacto com nome, e não apenas uma "
                            "instituição.",
            "surprised": "A delegação de saúde cumpriu o seu compromisso em duas semanas, sem ninguém pedir. "
                         "Os alunos da escola secundária tornaram-se os maiores defensores do viveiro.",
        },
    },
    # -- Ecuador (es) ---------------------------------------------------------------------------------
    "EC": {
        "mapping": {
            "worked": "Recorrer el estero con los dirigentes de las asociaciones nos permitió conocer a los "
                      "pescadores no asociados, que casi nunca aparecen en las listas oficiales. Marcar a las "
                      "personas en riesgo desde el principio nos ayudó a proteger a la dirigente de las concheras.",
            "did_not_work": "No logramos una entrevista con las camaroneras grandes: nos derivaban siempre a un "
                            "abogado. La información sobre las concesiones estaba dispersa entre tres "
                            "instituciones y nunca la completamos.",
            "would_change": "Buscaríamos desde el inicio a una persona de confianza del sector camaronero para "
                            "abrir la puerta. Dedicaríamos más tiempo a las mujeres procesadoras, que conocen "
                            "mejor que nadie el mercado del cangrejo.",
            "surprised": "El operador de turismo con delfines resultó ser un aliado fuerte del manglar. La "
                         "comuna San Pedro tenía un acuerdo de custodia vigente que casi nadie conocía.",
        },
        "convening": {
            "worked": "La salida en lancha para ver juntos el manglar talado cambió el tono del encuentro: se "
                      "habló menos de culpas y más de soluciones. Los acuerdos se leyeron dos veces en voz alta "
                      "antes de aprobarlos, y eso dio confianza.",
            "did_not_work": "Las camaroneras no vinieron y varios acuerdos quedaron a medias. Los técnicos "
                            "hablaron demasiado en la mañana del primer día y los pescadores casi no intervinieron.",
            "would_change": "Haríamos una reunión previa por separado con las camaroneras en un lugar neutral. "
                            "Organizaríamos el segundo día según la marea, para que los pescadores no pierdan "
                            "una jornada de trabajo.",
            "surprised": "La Red de Jóvenes presentó sus propios datos de reforestación y fueron los más citados "
                         "del encuentro. El Ministerio aceptó que las denuncias pasen por el refugio sin revelar "
                         "nombres.",
        },
        "followup": {
            "worked": "El canal confidencial de denuncias funcionó en pocas semanas y ya recibió casos "
                      "verificados. Leer el acta en la radio hizo que la gente del estero conozca los acuerdos.",
            "did_not_work": "La autorización del Ministerio para las zonas de concha no llega y frena el "
                            "compromiso de las concheras. La Capitanía abandonó los patrullajes por falta de "
                            "combustible.",
            "would_change": "Pediríamos a cada institución que confirme por escrito los recursos antes de asumir "
                            "un compromiso. Haríamos el seguimiento en la misma mesa permanente, con un punto fijo "
                            "en la agenda.",
            "surprised": "Una camaronera familiar se comprometió a reforestar sin que nadie se lo pidiera. Los "
                         "restaurantes fueron más reacios de lo esperado porque dependen de los intermediarios.",
        },
    },
    # -- Kenya (en) -----------------------------------------------------------------------------------
    "KE": {
        "mapping": {
            "worked": "Mapping with the elders and the peace committee together showed us who really speaks for "
                      "each community. Separate conversations with pastoralist women brought in a group that "
                      "official lists leave out.",
            "did_not_work": "We listed the large upstream farms too late, and they still see the dialogue as a "
                            "herders' project. Our first stakeholder list had no young herders at all.",
            "would_change": "We would map by water point rather than by organisation, because that is how "
                            "people think about the conflict. We would ask each community to check the list "
                            "before any invitation goes out.",
            "surprised": "The lodge and the conservancy had more influence over water points than the county "
                         "itself. Several groups had never been asked who else should be in the room.",
        },
        "convening": {
            "worked": "A neutral venue and transport for the Ngaremara herders brought together groups that had "
                      "not sat in one room since the clashes. The talking stick and interpreters for Borana kept "
                      "the elders fully involved.",
            "did_not_work": "The Turkana interpreter was not always there, and some herders lost parts of the "
                            "discussion. The corridor table ran out of time and ended without a short list.",
            "would_change": "We would prepare the corridor question in separate meetings with farmers and with "
                            "herders first. We would give the women a morning group of their own.",
            "surprised": "The farmers' cooperative and the elders agreed very quickly on reopening the first "
                         "water point. Early-warning bulletins turned out to be the easiest agreement of the day.",
        },
        "followup": {
            "worked": "Commitments with a clear owner and a date, such as the radio bulletins and the Kulamawe "
                      "water point, were done first. Reporting through private links suits people who rarely "
                      "come to town.",
            "did_not_work": "The borehole repair depends on a spare part nobody can control, and the herders "
                            "lose patience. The cooperative dropped the river lanes because compensation is still "
                            "unresolved.",
            "would_change": "We would link commitments that depend on each other, such as the lanes and the "
                            "compensation fund, and track them together. We would check supply times before "
                            "agreeing a repair date.",
            "surprised": "The lodge paid for water trucking before anyone asked. The young herders used the "
                         "football tournament to raise issues that they had kept silent about in the meeting.",
        },
    },
    # -- Nigeria (en) ---------------------------------------------------------------------------------
    "NG": {
        "mapping": {
            "worked": "Walking the market section by section with the women's wing showed us the head porters "
                      "and the traders with disabilities, who are rarely consulted. Keeping names of people at "
                      "risk out of shared documents reassured the women who had reported harassment.",
            "did_not_work": "We could not map the unofficial levy collectors safely, so that part of the picture "
                            "is missing. The association executive felt it had been mapped as a problem rather "
                            "than a partner.",
            "would_change": "We would meet the association executive early and explain the method before "
                            "mapping. We would do the mapping on market closing days, when traders have time.",
            "surprised": "The northern traders' community had its own well-organised sanitation rota. The "
                         "health centre had years of data linking flooding to diarrhoea cases.",
        },
        "convening": {
            "worked": "Small groups gave the women and the apprentices the confidence to speak. Interpretation "
                      "in Igbo and Hausa meant that no section of the market was left out.",
            "did_not_work": "The day was too long for traders who had to leave their stalls. Some women were "
                            "afraid to speak in plenary in front of the executive.",
            "would_change": "We would hold shorter meetings on market closing days. We would collect anonymous "
                            "written contributions for people afraid to speak.",
            "surprised": "Council officials and women traders talked directly for the first time, and the "
                         "council agreed to publish the levy list. The apprentices brought safety after dark onto "
                         "the agenda.",
        },
        "followup": {
            "worked": "Civil society groups moved fast: the reporting line and the first clean-up were done "
                      "within three weeks. The monthly forum gives every owner a date to report.",
            "did_not_work": "Government commitments wait on approvals, so the levy boards are late. The "
                            "executive dropped receipted dues, which was the commitment traders cared most about.",
            "would_change": "We would ask for government commitments that need no further approval, or note "
                            "the approval step on the commitment. We would share the commitments more evenly, "
                            "so that women's groups do not carry most of the work.",
            "surprised": "The waste contractor brought more volunteers than expected to the clean-up. The "
                         "police gender desk depended on a single officer, so one transfer stopped it.",
        },
    },
    # -- Uganda (en) ----------------------------------------------------------------------------------
    "UG": {
        "mapping": {
            "worked": "Young collectors mapped the sorting sites and middlemen themselves, which gave a picture "
                      "no official list had. Including refugee youth and young mothers early changed the agenda.",
            "did_not_work": "The landfill waste pickers were hard to reach and we have only one contact among "
                            "them. The manufacturers' association answered through its lawyer.",
            "would_change": "We would map the scrap dealers from the start, because they set the prices. We "
                            "would run the mapping in Luganda rather than English.",
            "surprised": "The beverage company already had a take-back budget that it had not used. The "
                         "informal workers' union knew most sorters by name.",
        },
        "convening": {
            "worked": "Starting the first round in Luganda helped the young collectors speak confidently. City "
                      "officials listened more than they spoke.",
            "did_not_work": "The afternoon slipped into English and some sorters stopped following. The producer "
                            "responsibility debate hardened positions instead of opening them.",
            "would_change": "We would prepare the producer responsibility question separately with the "
                            "manufacturers. We would pay transport refunds on the same day.",
            "surprised": "The young mothers' table added childcare, which everyone then supported. The division "
                         "offered to register groups without being asked.",
        },
        "followup": {
            "worked": "Commitments close to people's daily work, like price boards and the short course, were "
                      "done within two weeks. Owners report through their links from their phones.",
            "did_not_work": "The protective boots are stuck at customs, so an overdue commitment sits on "
                            "something nobody in the dialogue controls. The land for the sorting site is "
                            "disputed.",
            "would_change": "We would check land ownership before promising a site. We would split large "
                            "commitments into steps with their own dates.",
            "surprised": "The recycler was first to finish a commitment. Young collectors began checking the "
                         "price boards against what middlemen pay them.",
        },
    },
}

PLATFORMS: dict[str, dict] = {
    "CV": {
        "established": True,
        "name": "Comité de Água do Vale da Ribeira Seca",
        "members": [1, 2, 6, 12, 13, 19, 24],
        "frequency": "monthly",
        "next_meeting_in_days": 12,
        "notes": "Reúne-se na primeira terça-feira de cada mês na delegação municipal de Achada Fazenda. A "
                 "presidência roda entre a câmara e as associações; a empresa de águas ainda não indicou um "
                 "suplente.",
    },
    "EC": {
        "established": True,
        "name": "Mesa Permanente del Manglar de El Morro",
        "members": [1, 3, 4, 16, 17, 18, 20, 23, 28],
        "frequency": "",
        "next_meeting_in_days": 32,
        "notes": "Se reúne cada dos meses en la casa comunal, convocada por el GAD parroquial. Las camaroneras "
                 "aún no forman parte; se las invitará tras una reunión previa por separado.",
    },
    "KE": {
        "established": False,
        "name": "Isiolo Joint Water and Grazing Committee",
        "members": [1, 10, 15, 16, 17, 18, 24, 25],
        "frequency": "quarterly",
        "next_meeting_in_days": 24,
        "notes": "Terms of reference to be adopted at the follow-up meeting in Ngaremara. Herders and farmers "
                 "have named most of their members; the chair will rotate between communities.",
    },
    "NG": {
        "established": True,
        "name": "Onitsha Main Market Forum",
        "members": [1, 2, 7, 8, 9, 14, 15, 16, 17, 21],
        "frequency": "monthly",
        "next_meeting_in_days": 9,
        "notes": "Meets on the first market closing day of each month in the women's wing hall. Minutes are read "
                 "on the market hour programme.",
    },
    "UG": {
        "established": False,
        "name": "Kawempe Recycling Dialogue Platform",
        "members": [1, 2, 7, 13, 18, 22],
        "frequency": "",
        "next_meeting_in_days": None,
        "notes": "Proposed at the first dialogue; the division and the youth recyclers will discuss its form "
                 "once the groups are registered.",
    },
}
