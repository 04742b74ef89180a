"""The fair's domain concepts in English, German, Chinese and Finnish, and stop words.

One line per concept: `id | English | German | Chinese | Finnish`, terms separated by
commas. The first term of each language is the concept's label in that language.
A term may be a phrase ("joint venture") or mix scripts ("工业4.0"). Terms written in
capitals ("AI", "LED", "IT") are acronyms and only match in capitals, so "led" and "it"
stay ordinary words. German and Finnish compounds are split against these terms
("Faserlaser" finds "laser"), from five letters up; a shorter term that may start or end
a compound is marked with a trailing "*" ("Akku*"), a longer one that must not with "="
("Import=", or "important" would be about trade).

Inflections need no listing: the analyser strips plural and case endings from the text
and from these terms alike. Keep every term in one concept only (a test checks).
"""

CONCEPT_TABLE = """
# Lasers, machining and production equipment
laser | laser, lasers, laser technology, fibre laser, fiber laser | Laser, Lasertechnik, Faserlaser, Lasersysteme | 激光, 激光器, 镭射, 雷射, 光纤激光器 | laser, laserit, laserteknologia
cutting | cutting, cutter | Schneiden, Zuschnitt | 切割, 切割机 | leikkaus, leikkuu
welding | welding, welder | Schweißen, Schweißtechnik | 焊接, 焊机 | hitsaus
marking | marking, engraving | Beschriftung, Markierung, Gravur, Gravieren | 打标, 雕刻, 标刻 | merkintä, kaiverrus
equipment | equipment, machinery, machines, apparatus, devices | Anlage, Anlagen, Maschine, Maschinen, Ausrüstung, Gerät, Geräte | 设备, 装备, 机械, 机器 | laite, laitteet, kone, koneet, laitteisto
machine_tools | machine tools, machine tool, CNC | Werkzeugmaschinen, Werkzeugmaschine, Bearbeitungszentrum | 机床, 数控机床, 数控, 加工中心 | työstökone, työstökoneet
precision_machining | precision machining, machining, machined parts, milling, CNC turning, precision engineering | Präzisionsbearbeitung, Zerspanung, Fräsen, CNC-Drehen, spanende Bearbeitung, Feinmechanik, Präzisionsteile | 精密加工, 机加工, 机械加工, 铣削, 车削, 精密零件 | koneistus, tarkkuuskoneistus
precision | precision, high precision | Präzision | 精密, 高精度 | tarkkuus
sheet_metal | sheet metal, metalworking, metal processing, metal forming | Blech, Blechbearbeitung, Metallbearbeitung, Umformtechnik, Umformung | 钣金, 金属加工, 冲压 | ohutlevy, metallintyöstö
machine_building | mechanical engineering, machine building, engineering industry | Maschinenbau, Anlagenbau, Sondermaschinenbau | 机械制造, 装备制造, 机械工程 | konepaja, konetekniikka
robot | robot, robots, robotics, industrial robot, cobot, cobots | Roboter, Robotik, Industrieroboter, Robotertechnik | 机器人, 工业机器人, 机械臂, 协作机器人 | robotti, robotiikka, robotit
automation | automation, automated, automatic, factory automation | Automatisierung, Automation, automatisiert, Automatisierungstechnik | 自动化, 自动化设备, 自动化生产线 | automaatio, automatisointi
control_systems | control systems, control system, PLC, industrial control, motion control | Steuerungstechnik, Steuerung, Steuerungen, SPS, Regelungstechnik | 控制系统, 工控, 运动控制, 控制器 | ohjausjärjestelmä, ohjausjärjestelmät, säätötekniikka
sensor | sensor, sensors, sensor technology | Sensor, Sensoren, Sensorik | 传感器, 传感 | anturi, anturit, sensori
measurement | measurement, metrology, testing, inspection, test equipment, quality inspection, instruments | Messtechnik, Prüftechnik, Messgeräte, Qualitätsprüfung, Prüfung, Messung | 检测, 测量, 测试, 仪器, 仪表, 质检 | mittaus, mittaustekniikka, testaus
machine_vision | machine vision, computer vision, image processing, vision systems | Bildverarbeitung, industrielle Bildverarbeitung, Kamerasysteme | 机器视觉, 视觉检测, 图像处理, 视觉系统 | konenäkö
additive_manufacturing | 3D printing, additive manufacturing, 3D printers | 3D-Druck, additive Fertigung, 3D-Drucker | 3D打印, 增材制造 | 3D-tulostus, ainetta lisäävä valmistus
tooling | tooling, moulds, molds, injection moulding, injection molding | Werkzeugbau, Formenbau, Spritzguss, Spritzgießen | 模具, 注塑 | muotit, ruiskuvalu
hydraulics | hydraulics, pneumatics, fluid power | Hydraulik, Pneumatik, Fluidtechnik | 液压, 气动 | hydrauliikka, pneumatiikka
components | components, spare parts, mechanical components | Komponenten, Bauteile, Ersatzteile, Zulieferteile | 零部件, 配件, 部件, 元件 | komponentit, osat, varaosat
bearings_gears | bearings, gears, gearboxes, transmissions | Wälzlager, Getriebe, Zahnräder | 轴承, 齿轮, 减速机, 变速箱 | laakerit, vaihteistot
pumps_valves | pumps, valves, compressors | Pumpen, Ventile, Armaturen, Kompressoren | 泵, 阀门, 压缩机 | pumput, venttiilit, kompressorit
motors_drives | electric motors, motors, drive technology, drive systems, servo motors | Elektromotoren, Motoren, Antriebe, Antriebstechnik, Servomotoren | 电机, 电动机, 驱动, 伺服电机 | sähkömoottorit, moottorit, käytöt
mechatronics | mechatronics | Mechatronik | 机电, 机电一体化 | mekatroniikka
packaging | packaging, packaging machinery | Verpackung, Verpackungsmaschinen, Verpackungstechnik | 包装, 包装机械 | pakkaus, pakkauskoneet
textiles | textiles, textile machinery | Textil, Textilien, Textilmaschinen | 纺织, 纺织机械 | tekstiili, tekstiilit
# Electronics, semiconductors, optics
semiconductor | semiconductors, semiconductor, chips, chip, integrated circuits, wafer, wafers | Halbleiter, Mikrochips, Chip*, Chips, integrierte Schaltungen, Wafer | 半导体, 芯片, 集成电路, 晶圆 | puolijohteet, puolijohde, sirut, mikropiirit
microelectronics | microelectronics, microsystems, MEMS | Mikroelektronik, Mikrosystemtechnik | 微电子, 微系统 | mikroelektroniikka
electronics | electronics, electronic components, PCB, circuit boards, electronic manufacturing | Elektronik, Elektronikbauteile, Leiterplatten, Leiterplatte, Elektronikfertigung | 电子, 电子元器件, 电路板, 电子制造 | elektroniikka, piirilevyt, piirilevy
power_electronics | power electronics, inverters, converters | Leistungselektronik, Wechselrichter, Umrichter | 电力电子, 逆变器, 变频器 | tehoelektroniikka, invertterit
optics | optics, optical, photonics, optoelectronics, lenses | Optik, optisch, optische, Photonik, Optoelektronik, Linsen, Objektive | 光学, 光电, 光电子, 镜头, 透镜 | optiikka, fotoniikka
optical_fibre | optical fibre, optical fiber, fibre optics, fiber optics | Glasfaser, Lichtwellenleiter | 光纤, 光缆 | valokuitu
lighting | LED lighting, lighting technology, lighting systems, LED, LEDs, lamps | Beleuchtung, Leuchten, Lichttechnik | 照明, 灯具 | valaistus
display | displays, display, screens, touch screens | Displays, Bildschirme | 显示屏, 显示器, 显示, 触摸屏 | näytöt, näyttö
consumer_electronics | consumer electronics, home appliances, smart home | Unterhaltungselektronik, Haushaltsgeräte, Smart Home | 消费电子, 家电, 智能家居 | kodinkoneet, kulutuselektroniikka
# Energy and mobility
battery | batteries, battery, battery cells, lithium battery, lithium-ion, battery packs | Batterie, Batterien, Akku*, Akkus, Batteriezelle, Batteriezellen, Lithium-Ionen, Batteriesysteme, Batterietechnik | 电池, 锂电池, 动力电池, 蓄电池, 锂电, 电芯 | akku, akut, akusto, paristo
energy_storage | energy storage, storage systems, power storage | Energiespeicher, Stromspeicher, Batteriespeicher | 储能, 储能系统 | energian varastointi, energiavarasto
new_energy | new energy, renewable energy, renewables, clean energy, green energy | neue Energien, neuen Energien, erneuerbare Energien, Energiewende, grüne Energie | 新能源, 可再生能源, 清洁能源, 绿色能源 | uusiutuva energia, uusiutuvat energiat, puhdas energia
energy | energy, power supply, electricity | Energie, Energietechnik, Energieversorgung, Strom= | 能源, 电力, 供电 | energia, sähkö
solar | solar, photovoltaics, photovoltaic, PV, solar panels, solar energy | Solar, Photovoltaik, Solarenergie, Solarmodule, Solartechnik | 光伏, 太阳能 | aurinkoenergia, aurinkopaneelit, aurinkosähkö
wind | wind power, wind energy, wind turbines | Windenergie, Windkraft, Windkraftanlagen | 风电, 风能, 风力发电 | tuulivoima, tuulienergia
hydrogen | hydrogen, fuel cells, fuel cell | Wasserstoff, Brennstoffzelle, Brennstoffzellen | 氢能, 氢气, 燃料电池 | vety, polttokenno, polttokennot
power_grid | power grid, smart grid, electrical equipment, transformers, switchgear | Stromnetz, Stromnetze, Smart Grid, Elektrotechnik, Transformatoren, Schaltanlagen | 电网, 智能电网, 电气, 变压器, 电气设备 | sähköverkko, sähkötekniikka
energy_efficiency | energy efficiency, energy saving | Energieeffizienz, Energieeinsparung | 节能, 能效 | energiatehokkuus, energiansäästö
carbon_neutrality | carbon neutrality, decarbonisation, decarbonization, emissions reduction, low carbon | Klimaneutralität, Dekarbonisierung, CO2-Neutralität, Emissionsminderung | 碳中和, 减排, 低碳, 碳达峰 | hiilineutraalius, päästövähennykset
electric_vehicles | electric vehicles, electric vehicle, EV, EVs, e-mobility, electromobility, electric cars, new energy vehicles | Elektrofahrzeuge, Elektrofahrzeug, Elektroautos, Elektroauto, E-Mobilität, Elektromobilität | 电动汽车, 新能源汽车, 电动车, 新能源车 | sähköautot, sähköauto, sähköajoneuvot
charging | charging stations, charging infrastructure, EV charging, chargers, charging piles | Ladestationen, Ladesäulen, Ladeinfrastruktur, Ladetechnik | 充电, 充电桩, 充电站 | lataus, latausasemat, latausinfrastruktuuri
automotive | automotive, automotive industry, vehicles, cars, car, auto parts, automotive parts | Automobil, Automobilindustrie, Fahrzeuge, Fahrzeugbau, Kfz, Automobilzulieferer, Autoteile | 汽车, 汽车零部件, 整车, 汽配 | autoteollisuus, ajoneuvot, autonosat
autonomous_driving | autonomous driving, self-driving, ADAS, driver assistance | autonomes Fahren, Fahrerassistenzsysteme | 自动驾驶, 无人驾驶, 智能驾驶 | autonominen ajaminen, itseohjautuvat
rail | railway, railways, rail transport, rolling stock, rail technology | Bahntechnik, Schienenverkehr, Schienenfahrzeuge, Eisenbahn | 轨道交通, 铁路, 高铁 | rautatie, raideliikenne
aerospace | aerospace, aviation, aircraft | Luftfahrt, Raumfahrt, Luft- und Raumfahrt, Flugzeugbau | 航空航天, 航空, 航天 | ilmailu, avaruus
drones | drones, UAV, UAVs, unmanned aerial vehicles | Drohnen, Drohne | 无人机 | droonit, drooni
maritime | maritime, shipbuilding, marine | Schiffbau, maritime Wirtschaft, Schiffe | 船舶, 造船, 海洋工程 | meriteollisuus, laivanrakennus
# Digital
software | software, software development, apps | Software, Softwareentwicklung, Softwarelösungen | 软件, 软件开发, 应用软件 | ohjelmisto, ohjelmistot, ohjelmistokehitys
it | IT, information technology, IT services | Informationstechnik, Informationstechnologie, IT-Dienstleistungen | 信息技术, 信息化, IT | tietotekniikka, tietotekniikkapalvelut
digitalisation | digitalisation, digitalization, digital transformation, digital solutions | Digitalisierung, digitale Transformation | 数字化, 数字化转型 | digitalisaatio, digitalisointi
ai | artificial intelligence, AI, machine learning, deep learning | künstliche Intelligenz, KI, maschinelles Lernen, Deep Learning | 人工智能, AI, 机器学习, 深度学习, 大模型 | tekoäly, koneoppiminen
iot | internet of things, IoT, IIoT, connected devices, industrial internet | Internet der Dinge, IoT, vernetzte Geräte | 物联网, 工业互联网 | esineiden internet, IoT
industry_4_0 | industry 4.0, smart factory, smart factories | Industrie 4.0, smarte Fabrik, intelligente Fabrik | 工业4.0, 智能工厂 | teollisuus 4.0, älytehdas
smart_manufacturing | smart manufacturing, intelligent manufacturing, digital manufacturing, intelligent production | intelligente Fertigung, intelligente Produktion, digitale Fertigung, smarte Produktion | 智能制造, 智造, 智能生产 | älykäs valmistus, älykäs tuotanto
manufacturing | manufacturing, production, manufacturer, manufacturers, factory, factories | Fertigung, Produktion, Hersteller, Herstellung, Fabrik, Produktionsstätte | 制造, 生产, 工厂, 制造商, 生产商 | valmistus, tuotanto, valmistaja, tehdas
cloud_data | cloud, cloud computing, big data, data analytics, data centres, data centers | Cloud, Cloud-Computing, Big Data, Datenanalyse, Rechenzentren | 云计算, 大数据, 数据分析, 数据中心, 云平台 | pilvipalvelut, data-analytiikka, datakeskukset
cybersecurity | cybersecurity, cyber security, IT security, information security | Cybersicherheit, IT-Sicherheit, Informationssicherheit | 网络安全, 信息安全 | kyberturvallisuus, tietoturva
telecom | telecommunications, telecom, communication technology, 5G, wireless | Telekommunikation, Kommunikationstechnik, Mobilfunk, Funktechnik | 通信, 通讯, 5G, 无线通信 | tietoliikenne, langaton
embedded | embedded systems, embedded, firmware | Embedded Systeme, eingebettete Systeme, Firmware | 嵌入式, 嵌入式系统, 固件 | sulautetut järjestelmät
simulation | simulation, digital twin, CAD, CAE | Simulation, digitaler Zwilling | 仿真, 数字孪生 | simulointi, digitaalinen kaksonen
blockchain | blockchain | Blockchain | 区块链 | lohkoketju
vr_ar | virtual reality, augmented reality, VR, AR, metaverse | virtuelle Realität, erweiterte Realität, Metaverse | 虚拟现实, 增强现实, 元宇宙 | virtuaalitodellisuus, lisätty todellisuus
navigation | satellite navigation, GNSS, BeiDou, GPS | Satellitennavigation, Ortung | 北斗, 卫星导航, 导航定位 | satelliittipaikannus, paikannus
quantum | quantum technology, quantum computing | Quantentechnologie, Quantencomputing | 量子, 量子计算, 量子通信 | kvanttiteknologia, kvanttilaskenta
ecommerce | e-commerce, cross-border e-commerce, online retail, online shop | E-Commerce, Onlinehandel, Online-Shop | 电子商务, 跨境电商, 电商 | verkkokauppa, sähköinen kaupankäynti
smart_city | smart city, smart cities | Smart City, intelligente Stadt | 智慧城市 | älykaupunki
security_systems | security systems, video surveillance, surveillance, access control | Sicherheitstechnik, Videoüberwachung, Zutrittskontrolle | 安防, 视频监控, 监控, 门禁 | turvajärjestelmät, kameravalvonta
# Health and life sciences
medical_devices | medical devices, medical device, medical technology, medtech, medical equipment | Medizintechnik, Medizinprodukte, medizinische Geräte, Medizingeräte | 医疗器械, 医疗设备, 医疗器材 | lääkintälaitteet, terveysteknologia, lääkinnälliset laitteet
healthcare | healthcare, health care, health, hospitals, clinics | Gesundheitswesen, Gesundheit, Krankenhaus, Krankenhäuser, Kliniken | 医疗, 医疗健康, 大健康, 医院 | terveydenhuolto, terveys, sairaalat
pharma | pharmaceuticals, pharmaceutical, pharma, drugs, medicines | Pharma, Arzneimittel, Pharmazie, Medikamente | 医药, 制药, 药品, 药物 | lääkkeet, lääketeollisuus
biotech | biotechnology, biotech, life sciences, biomedicine, biopharmaceuticals | Biotechnologie, Biotech, Biomedizin, Lebenswissenschaften | 生物技术, 生物医药, 生物科技, 生物制药 | bioteknologia, biolääketiede
diagnostics | diagnostics, in vitro diagnostics, IVD, laboratory equipment | Diagnostik, Labordiagnostik, In-vitro-Diagnostik, Labortechnik | 诊断, 体外诊断, 检验试剂 | diagnostiikka, laboratoriolaitteet
medical_imaging | medical imaging, ultrasound, MRI, X-ray | Bildgebung, Ultraschall, Röntgen, Röntgentechnik | 医学影像, 影像, 超声, 磁共振 | kuvantaminen, ultraääni, röntgen
dental | dental, dentistry, dental equipment | Dentaltechnik, Zahnmedizin, Zahntechnik | 口腔, 牙科 | hammaslääketiede, hammastekniikka
implants | implants, orthopaedics, orthopedics, prosthetics | Implantate, Orthopädie, Prothetik | 植入物, 骨科, 假肢 | implantit, ortopedia
rehabilitation | rehabilitation, elderly care, nursing, assistive technology | Rehabilitation, Reha, Altenpflege, Pflege, Pflegetechnik | 康复, 养老, 护理, 康养 | kuntoutus, vanhustenhoito, hoiva
genomics | genomics, gene sequencing, genetic testing | Genomik, Gensequenzierung, Gentests | 基因, 基因测序, 基因检测 | genomiikka, geenitestaus
tcm | traditional chinese medicine, TCM | traditionelle chinesische Medizin | 中医, 中药, 中医药 | perinteinen kiinalainen lääketiede
wearables | wearables, wearable devices | Wearables, tragbare Geräte | 可穿戴, 可穿戴设备, 智能穿戴 | puettava teknologia
# Materials and chemistry
materials | materials, new materials, advanced materials, material science | Werkstoffe, Materialien, Werkstofftechnik, neue Werkstoffe, Materialwissenschaft | 材料, 新材料, 先进材料 | materiaalit, materiaali, uudet materiaalit
composites | composites, composite materials, carbon fibre, carbon fiber, CFRP | Verbundwerkstoffe, Faserverbund, Kohlefaser, Carbonfaser, CFK | 复合材料, 碳纤维 | komposiitit, hiilikuitu
plastics | plastics, polymers, rubber | Kunststoffe, Kunststoff, Polymere, Gummi | 塑料, 高分子, 聚合物, 橡胶 | muovit, polymeerit, kumi
chemicals | chemicals, chemistry, chemical industry, fine chemicals | Chemie, Chemikalien, chemische Industrie, Feinchemikalien | 化工, 化学, 化学品, 精细化工 | kemia, kemikaalit, kemianteollisuus
metals | metals, metal, steel, aluminium, aluminum, alloys, titanium | Metall, Metalle, Stahl, Aluminium, Legierungen, Titan | 金属, 钢铁, 钢材, 铝, 合金, 钛 | metallit, metalli, teräs, alumiini
ceramics | ceramics, technical ceramics | Keramik, technische Keramik | 陶瓷 | keramiikka
nanomaterials | nanomaterials, graphene, nanotechnology | Nanomaterialien, Graphen=, Nanotechnologie | 纳米材料, 石墨烯, 纳米技术 | nanomateriaalit, grafeeni, nanoteknologia
coatings | coatings, coating, surface treatment, surface technology | Beschichtung, Beschichtungen, Oberflächentechnik, Oberflächenbehandlung | 涂层, 涂料, 表面处理 | pinnoitteet, pinnoitus, pintakäsittely
glass | glass, glass products | Glas, Glasprodukte | 玻璃 | lasi, lasituotteet
# Environment, building, agriculture
environmental | environmental technology, environmental protection, cleantech, air purification | Umwelttechnik, Umweltschutz, Luftreinhaltung | 环保, 环境保护, 大气治理, 环保设备 | ympäristöteknologia, ympäristönsuojelu, cleantech
water_treatment | water treatment, wastewater, wastewater treatment, water purification | Wasseraufbereitung, Abwasser, Abwasserbehandlung, Wassertechnik | 水处理, 污水处理, 净水 | vedenkäsittely, jätevesi, jäteveden käsittely
recycling | recycling, waste management, circular economy | Recycling, Abfallwirtschaft, Kreislaufwirtschaft, Wiederverwertung | 回收, 循环经济, 废物处理, 固废 | kierrätys, jätehuolto, kiertotalous
construction | construction, building materials, smart buildings, building technology | Bauwesen, Baustoffe, Gebäudetechnik, Bauindustrie | 建筑, 建材, 智能建筑, 装配式建筑 | rakentaminen, rakennusmateriaalit, rakennustekniikka
hvac | HVAC, heating systems, heat pumps, air conditioning, ventilation | Heizung, Wärmepumpen, Wärmepumpe, Klimatechnik, Lüftung, Heizungstechnik | 暖通, 热泵, 空调 | lämpöpumput, lämpöpumppu, ilmanvaihto, lämmitys
agriculture | agriculture, agritech, farming, agricultural machinery | Landwirtschaft, Agrartechnik, Landmaschinen | 农业, 农机, 智慧农业 | maatalous, maatalouskoneet
food | food, food processing, beverages, food industry | Lebensmittel, Nahrungsmittel, Getränke, Lebensmittelverarbeitung, Lebensmittelindustrie | 食品, 饮料, 食品加工 | elintarvikkeet, elintarvike, ruoka, juomat
mining | mining, mining equipment | Bergbau, Bergbautechnik | 矿业, 采矿, 矿山 | kaivos, kaivosteollisuus
# Services and trade
logistics | logistics, supply chain, warehousing, freight, shipping, transport | Logistik, Lieferkette, Lagerlogistik, Spedition, Transport, Intralogistik | 物流, 供应链, 仓储, 运输, 货运 | logistiikka, toimitusketju, kuljetus, varastointi
trade | trade, import=, export=, foreign trade, trading | Handel, Außenhandel, Import=, Export= | 贸易, 进出口, 外贸, 进口, 出口 | kauppa, vienti, tuonti, ulkomaankauppa
education | education, training, vocational training, universities | Bildung, Ausbildung, Weiterbildung, duale Ausbildung, Hochschulen | 教育, 培训, 职业教育, 高校 | koulutus, ammatillinen koulutus, yliopistot
consulting | consulting, advisory, consultancy | Beratung, Consulting, Unternehmensberatung | 咨询, 顾问 | konsultointi, neuvonta
finance | finance, fintech, banking, insurance | Finanzen, Fintech, Banken, Versicherung | 金融, 金融科技, 保险, 银行 | rahoitus, fintech, pankki, vakuutus
legal_ip | intellectual property, patents, legal services | geistiges Eigentum, Patente, Rechtsberatung | 知识产权, 专利, 法律服务 | immateriaalioikeudet, patentit, lakipalvelut
tourism | tourism, travel | Tourismus | 旅游, 文旅 | matkailu
creative | creative industries, industrial design, media, games, gaming | Kreativwirtschaft, Industriedesign, Medien, Computerspiele, Videospiele | 文化创意, 文创, 工业设计, 传媒, 游戏 | luovat alat, muotoilu, pelit
maintenance | after-sales service, maintenance, repair | Wartung, Instandhaltung, Kundendienst, Reparatur | 售后, 维修, 维护, 运维 | huolto, kunnossapito, korjaus
system_integration | system integration, systems integrator, turnkey solutions | Systemintegration, Systemintegrator, schlüsselfertige Lösungen | 系统集成, 集成商, 交钥匙 | järjestelmäintegraatio, avaimet käteen
certification | certification, CE marking, standardisation, standardization, testing and certification | Zertifizierung, CE-Kennzeichnung, Normung | 认证, 检测认证, 标准化 | sertifiointi, standardointi
# Forms of cooperation
distribution | distribution partner, distribution partners, distributor, distributors, sales partner, sales partners, reseller, resellers, dealer, dealers, sales agent, sales agents, distribution, sales channels, sales network | Vertriebspartner, Vertrieb, Händler, Distributor, Distributoren, Vertriebsnetz, Handelsvertreter, Vertriebskanäle, Wiederverkäufer | 经销商, 经销, 经销网络, 代理商, 分销, 分销网络, 销售渠道, 代理, 销售网络, 分销商 | jälleenmyyjä, jälleenmyyjät, jakelija, jakelukumppani, jakelu, myyntikanavat
joint_venture | joint venture, joint ventures, JV | Joint Venture, Joint-Venture, Gemeinschaftsunternehmen | 合资, 合资企业, 合资公司 | yhteisyritys
investment | investment, investments, investor, investors, capital, equity, funding | Investition, Investitionen, Investor, Investoren, Kapital, Finanzierung, Beteiligung | 投资, 融资, 资本, 投资者 | investointi, investoinnit, sijoittaja, sijoittajat, pääoma
rd_cooperation | R&D cooperation, research and development, research & development, R&D, joint research, research cooperation, joint development, research partner | Forschung und Entwicklung, Forschung & Entwicklung, F&E, FuE, Forschungskooperation, Entwicklungspartner, Forschungspartner, gemeinsame Entwicklung | 研发, 研发合作, 联合研发, 科研合作, 产学研, 科研 | tutkimus ja kehitys, T&K, tutkimusyhteistyö, tuotekehitys
licensing | licensing, licence, license, licences, licenses, licensee | Lizenz, Lizenzen, Lizenzierung, Lizenzvergabe, Lizenznehmer | 许可, 授权, 技术许可, 专利许可 | lisensointi, lisenssi, lisenssit
technology_transfer | technology transfer, technology cooperation, technology partnership | Technologietransfer, Technologiekooperation, Technologiepartnerschaft | 技术转让, 技术转移, 技术引进, 技术合作 | teknologiansiirto, teknologiayhteistyö
sourcing | supplier, suppliers, procurement, purchasing | Lieferant, Lieferanten, Zulieferer, Beschaffung, Einkauf | 供应商, 采购, 供货商 | toimittaja, toimittajat, hankinta, hankinnat
contract_manufacturing | contract manufacturing, OEM, ODM, private label | Auftragsfertigung, Lohnfertigung, Fertigungspartner | 代工, 贴牌, 代加工, 委托生产 | sopimusvalmistus, alihankinta
market_entry | market entry, market access, market expansion, market development | Markteintritt, Markterschließung, Marktzugang, Markteinstieg | 市场开拓, 开拓市场, 进入市场, 市场拓展 | markkinoille pääsy, markkinoille tulo
acquisition | acquisition, acquisitions, mergers and acquisitions, M&A, takeover | Übernahme, Akquisition, Firmenübernahme, Unternehmenskauf | 并购, 收购 | yritysosto, yrityskaupat
subsidiary | subsidiary, branch office, local office, establishment | Niederlassung, Tochtergesellschaft, Ansiedlung | 子公司, 分公司, 落地, 办事处 | tytäryhtiö, toimipiste, sivuliike
startups | startups, startup, start-ups, incubator, accelerator, spin-offs | Start-ups, Startups, Gründer, Inkubator, Ausgründungen | 孵化, 孵化器, 初创企业, 初创, 创业 | startupit, startup, hautomo, kiihdyttämö
talent | talent, recruiting, recruitment, skilled workers | Fachkräfte, Rekrutierung, Personalgewinnung | 人才, 招聘 | osaajat, rekrytointi
"""

# Concepts so broad that they count half: "equipment" alone says little about a match.
BROAD_CONCEPTS = frozenset({"equipment", "components", "manufacturing", "energy"})

# Words that carry no meaning in a fair profile ("we seek partners for ...").
# Matched after phrases, so "new energy" and "distribution partner" still count.
STOP_WORDS = """
a an the and or of for in on at to with from by as is are be been being was were this that these those
which who whom whose what it its we our ours us you your they their them he she his her also both all any
each other such into over under about than then there here will would can could may might should must
do does did have has had not no nor only own same so too very just more most some many much per via
etc e g i.e eg incl including especially well within across between through
looking look seek seeks seeking sought search searching find finding want wants wanted wish interested
interest interests offer offers offering offered provide provides providing provided supply supplies
supplying deliver delivers delivering sell sells selling need needs needed require requires
company companies firm firms enterprise enterprises business businesses group ltd co gmbh ag inc corp
partner partners partnership partnerships cooperation co-operation collaboration collaborate cooperate
solution solutions product products service services customer customers client clients
high quality leading based new various related different main mainly own wide range field fields area areas
opportunity opportunities possible potential together long term
der die das den dem des ein eine einen einem einer eines und oder für fur mit von vom zu zum zur im in am an
auf aus bei nach über uber unter durch als auch sowie wir unser unsere unseren unserem unserer ihr ihre
sie es ist sind sein seine werden wird wurde hat haben kann können konnen soll sollen wollen möchten
mochten nicht kein keine nur sehr mehr insbesondere bzw z.b usw sowohl gerne gern neue neuen neuer
suchen sucht suche gesucht bieten bietet anbieten biete angebot liefern liefert vertreiben
kooperation zusammenarbeit partnerschaft unternehmen firma firmen produkte produkt lösungen lösung
losungen losung kunden kunde hochwertige hochwertigen führender fuhrender führende fuhrende
möglichkeiten moglichkeiten interesse interessiert bereich bereichen dienstleistung dienstleistungen
dienstleister anbieter
ja tai sekä seka on ovat oli me meidän meidan meille te he se ne joka jotka että etta myös myos kanssa
etsimme etsii tarjoamme tarjoaa haluamme haluaa uusia uusi yritys yritykset yrityksen yhteistyö
yhteistyo yhteistyökumppani yhteistyökumppaneita kumppani kumppaneita kumppanit ratkaisut ratkaisuja tuotteet tuotteita palvelut palveluja
"""

# Chinese function words and fair boilerplate; cut out of the text before bigrams are made.
CHINESE_STOP_WORDS = """
的 了 和 与 及 以及 或 或者 等 等等 在 是 为 对 于 并 也 将 把 被 从 向 由 其 该 此 这 那 个 之 以 及其
我们 我司 本公司 公司 企业 有限公司 股份有限公司 集团 寻求 寻找 提供 希望 欢迎 主要 产品 相关 进行 合作
合作伙伴 伙伴 领域 方面 服务 解决方案 方案 优质 专业 国际 一流 领先 致力于 拥有 具有 需要 意向 业务 包括
一家 一个 各类 各种 多种 我方 贵公司 有意 开展 对接
"""

# Compound parts that add nothing: "Lasertechnik" is about lasers.
GENERIC_PARTS = """
technik technologie technologien technology system systeme systems bau lösung lösungen loesung
produkt produkte bereich branche industrie industry tekniikka teknologia järjestelmä jarjestelma
"""
