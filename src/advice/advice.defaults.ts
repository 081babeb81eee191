import type { WarningSituation } from '../store/tables/warnings.js';

/** An advice template: the advice a warning of one situation (and category) gets, with placeholders for its facts. */
export interface AdviceTemplate {
  /** Stable code: `<category code>.<situation>` for built-ins (`noise.village_surge`), `generic.<situation>` for all. */
  code: string;
  /** The taxonomy category (any level) it is for, with everything below; null for every category. */
  categoryCode: string | null;
  situation: WarningSituation;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
}

/** Every situation, in the order the library lists them. */
export const situations = [
  'village_surge',
  'spread',
  'slow_rise',
  'new_term',
  'overdue_backlog',
] as const satisfies readonly WarningSituation[];

/** The usual titles of each situation; a template may have its own. */
const titles: Record<WarningSituation, [zh: string, en: string]> = {
  village_surge: ['{place}{category}问题突增', 'Surge in {category} in {place}'],
  spread: ['{category}问题在{villages}等村（社区）扩散', '{category} spreading across {villages}'],
  slow_rise: ['{place}{category}问题持续上升', '{category} rising steadily in {place}'],
  new_term: ['{place}{category}投诉集中出现{terms}', 'Complaints about {category} in {place} mention {terms}'],
  overdue_backlog: ['{place}{category}超期件积压', 'Overdue {category} records piling up in {place}'],
};

function template(
  categoryCode: string | null,
  situation: WarningSituation,
  body: string,
  bodyEn: string,
  title: [zh: string, en: string] = titles[situation],
): AdviceTemplate {
  return {
    code: `${categoryCode ?? 'generic'}.${situation}`,
    categoryCode,
    situation,
    title: title[0],
    titleEn: title[1],
    body,
    bodyEn,
  };
}

/** One per situation, for every category (and for none): drafting always finds one of these at least. */
const generic: AdviceTemplate[] = [
  template(
    null,
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}，超过{upper}。建议：一是由{department}牵头，会同{place}村两委在3个工作日内开展定向巡查，逐件核实诉求，查明集中的点位、对象和原因；二是对查实的问题建立清单、明确整改时限，能当场整改的当场整改，需依法处理的及时立案；三是对投诉人逐一回访，反馈处理结果；四是下周由指挥室复盘件数变化，未回落的提请周五联合执法。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected} and over {upper}. Advice: (1) {department} should lead targeted patrols with the village committees of {place} within three working days, checking every report and finding which spots, parties and causes lie behind the rise; (2) list what is confirmed with a deadline for each item, fix on the spot what can be fixed, and open cases where the law requires; (3) call every complainant back with the outcome; (4) the command room reviews the count next week and, if it has not come down, puts it on the Friday joint enforcement.',
  ),
  template(
    null,
    'spread',
    '{since}起，涉及{category}的投诉和案件在{villages}等村（社区）相继出现，全镇本周{count}，高于{expected}，超过{upper}，呈扩散态势。建议：一是由{department}牵头，将该问题列入本周五联合执法，按“通查通办”对各村集中点位统一检查、统一处置；二是各相关村（社区）落实网格员每日巡查，发现苗头即时上报指挥室；三是通过村广播、微信群和张贴告知开展宣传引导，讲清政策和处理方式；四是指挥室按村跟踪件数，两周内未见回落的提请镇分管领导召开专题会研究。',
    'Since {since}, complaints and cases about {category} have appeared in one village after another ({villages}); the town had {count} this week, well above {expected} and over {upper}. The problem is spreading. Advice: (1) {department} should lead, putting it on this Friday’s joint enforcement so that the spots in every village are inspected and handled together in one visit; (2) each village’s grid workers patrol daily and report early signs to the command room; (3) explain the rules and how reports are handled over village loudspeakers, in WeChat groups and on notices; (4) the command room follows the count village by village; if it has not fallen within two weeks, the town leader in charge calls a meeting on it.',
  ),
  template(
    null,
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉和案件{slope}，已持续{weeks}，本周{count}，属倾向性问题。建议：一是由{department}牵头分析近期工单，找出反复出现的点位、对象和诱因，形成问题清单；二是从源头入手，对共性问题制定长效管理措施，明确责任单位和完成时限；三是将重点点位纳入网格日常巡查，对重复投诉逐件回访；四是指挥室每周通报趋势，再过两周仍未回落的列入每月一题。',
    'Since {since}, complaints and cases about {category} in {place} have been {slope} for {weeks} ({count} this week): a trending issue. Advice: (1) {department} should lead a review of recent reports to find the spots, parties and causes that keep coming back, and list them; (2) tackle the source: set lasting measures for the common problems, each with a unit in charge and a deadline; (3) add the main spots to the grid workers’ daily rounds and call back repeat complainants one by one; (4) the command room reports the trend weekly; if it has not turned down after two more weeks, make it the problem of the month.',
  ),
  template(
    null,
    'new_term',
    '近期{place}涉及{category}的投诉文本中集中出现{terms}，本周{count}，此前少见，属苗头性问题。建议：一是指挥室当日调取相关工单逐件研读，判明是新问题、新业态还是同一事件的集中反映；二是由{department}牵头，3个工作日内到现场或上门走访核实，查清涉及的经营主体和人员；三是属于新情况的，明确主责部门和处置方式，必要时报镇分管领导；四是有针对性地开展宣传引导和风险提示，防止问题扩大。',
    'Complaints about {category} in {place} have lately been full of {terms}, rarely seen before ({count} this week): an emerging issue. Advice: (1) the command room reads the reports the same day to judge whether this is a new problem, a new kind of business or many reports of one event; (2) {department} should lead on-site checks or visits within three working days to find the businesses and people involved; (3) if it is new, name the department in charge and how it is to be handled, reporting to the town leader in charge where needed; (4) issue targeted publicity and risk warnings before it grows.',
  ),
  template(
    null,
    'overdue_backlog',
    '截至{week}，{place}涉及{category}的投诉和案件超期未办结{overdue}，且仍在增加。建议：一是指挥室对超期件逐件挂牌督办，每日通报办理进度；二是由{department}对每件超期件说明原因、提出办结时限，确有困难的提请会商；三是对超期时间最长、群众反映最强烈的件，由镇分管领导包案推进；四是办结后逐一回访，回访不满意的重新办理，超期情况纳入月度考核。',
    'As of {week}, the overdue complaints and cases about {category} in {place} have piled up to {overdue}, and more are coming. Advice: (1) the command room puts every overdue record under supervision (督办) and reports progress daily; (2) {department} should explain each delay and commit to a closing date, asking for a joint meeting where it is stuck; (3) the town leader in charge takes on the oldest and most contested records personally; (4) call every complainant back after closing, reopen those not satisfied, and count the overdue records in the monthly assessment.',
  ),
];

/** Where an area's work differs from the generic advice: who acts, how, and how fast. */
const areas: AdviceTemplate[] = [
  // 市容环境
  template(
    'city_appearance',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。占道经营、出店经营和乱堆乱放多集中在路口、菜场周边和上下学时段。建议：一是由{department}在早晚高峰和集市日对集中点位开展定时定点巡查，先劝导、再教育、后处罚；二是会同{place}村两委划定临时疏导点，引导流动摊贩入点经营；三是落实沿街商户“门前三包”责任，对屡劝不改的依法立案查处；四是一周后复盘，未回落的纳入周五联合执法。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Street stalls, trading outside shops and clutter usually gather at junctions, around the market and at school times. Advice: (1) {department} should patrol the main spots at fixed times in the morning and evening rush and on market days: persuade first, then educate, then penalise; (2) with the village committees of {place}, mark out temporary trading spots and move mobile vendors into them; (3) hold street-front shops to their “three guarantees in front of the door” duties and open cases against those who ignore repeated warnings; (4) review after a week and put it on the Friday joint enforcement if the count has not fallen.',
  ),
  template(
    'city_appearance',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继增多，全镇本周{count}，超过{upper}。建议：一是由{department}牵头，本周五组织联合执法开展市容环境集中整治，按村排定路线，统一标准、统一处置；二是各村（社区）组织保洁员、网格员对乱堆乱放、垃圾清运不及时的点位当日清理；三是通过“门前三包”签约和沿街宣传告知巩固整治效果；四是整治后两周内每周抽查，防止反弹。',
    'Since {since}, problems of {category} have grown in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a town-wide clean-up on this Friday’s joint enforcement, village by village along a set route, with the same standards and handling everywhere; (2) each village sends its cleaners and grid workers to clear clutter and uncollected waste the same day; (3) keep the result through “three guarantees” agreements with street-front shops and publicity along the streets; (4) spot-check weekly for two weeks afterwards to stop it coming back.',
  ),
  template(
    'city_appearance',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉和案件{slope}，已持续{weeks}。建议：一是由{department}梳理反复被投诉的点位，逐点明确责任人，纳入网格日常巡查；二是对垃圾清运、摊点管理等共性问题，会同{place}村两委调整清运频次、规范经营区域；三是在村规民约中写入市容环境要求，发挥村民议事会作用；四是指挥室每周通报趋势，持续上升的列入每月一题。',
    'Since {since}, complaints and cases about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should list the spots reported again and again, name a person in charge of each and add them to the grid workers’ daily rounds; (2) with the village committees of {place}, change waste collection times and set proper trading areas for the common problems; (3) write the expectations into the village rules and let the village council discuss them; (4) the command room reports the trend weekly; if it keeps rising, make it the problem of the month.',
  ),
  // 违法建设
  template(
    'illegal_construction',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。违法建设宜早发现、早制止、早处置。建议：一是由{department}会同{place}村两委在2个工作日内逐件现场核查，对在建的当场责令停止建设，依法下达责令改正通知书；二是会同自然资源和规划所核实用地和审批手续，对已建成的分类提出处置意见；三是村级每日巡查，必要时用无人机航拍比对，防止抢建；四是对典型案例公开处理结果，形成震慑。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Illegal building is best found, stopped and dealt with early. Advice: (1) {department} and the village committees of {place} inspect every report on site within two working days, order building in progress to stop on the spot and serve correction notices as the law provides; (2) with the natural resources and planning office, check land use and permits, and propose how to deal with each finished structure; (3) the village patrols daily, comparing drone photographs where needed, to stop rush building; (4) publish the outcome of typical cases as a deterrent.',
  ),
  template(
    'illegal_construction',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}，存在抢建、跟风苗头。建议：一是由{department}牵头，会同自然资源和规划所将违建整治列入周五联合执法，对各村在建违建集中制止；二是各村落实村干部包片巡查责任，对建材进村、搭设脚手架等动向第一时间报告；三是公布举报渠道和处理结果，对跟风搭建的从严处置；四是指挥室按村建立违建台账，逐件销号。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}, with signs of rush and copycat building. Advice: (1) {department} leads, with the natural resources and planning office, putting illegal building on the Friday joint enforcement to stop all building in progress at once; (2) each village makes its cadres responsible for patrolling their own areas and reporting building materials arriving or scaffolding going up at once; (3) publish how to report and what came of reports, and deal strictly with copycat building; (4) the command room keeps a register by village and closes items one by one.',
  ),
  template(
    'illegal_construction',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉和案件{slope}，已持续{weeks}。建议：一是由{department}分析新增违建的类型和成因（建房需求、出租牟利、审批不畅等），从源头疏堵结合；二是会同自然资源和规划所做好农房审批服务，推行“带方案审批、按图施工”；三是加强对建材运输和施工队伍的管控，村级巡查发现即报；四是将违建防控纳入村（社区）考核，指挥室每月通报。',
    'Since {since}, complaints and cases about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should analyse what kinds of illegal building are new and why (housing needs, renting out for profit, slow permits) and combine guidance with enforcement at the source; (2) with the natural resources and planning office, make farm-house permits easier: approve with a plan, build to the drawings; (3) keep watch on deliveries of building materials and on building crews, with village patrols reporting what they find; (4) include prevention of illegal building in the villages’ assessment, reported monthly by the command room.',
  ),
  // 噪声扰民
  template(
    'noise',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉明显增多，本周{count}，高于{expected}，多发于夜间。建议：一是由{department}在22时后开展夜间定向巡查，现场查明噪声源（施工、商户音响、娱乐场所、生活噪声等）；二是对夜间施工的核查夜间施工许可，无证施工的当场制止并依法处理；三是对商户和娱乐场所上门告知限值和时段，屡劝不改的依法查处；四是当晚或次日回访投诉人，确认噪声是否消除。',
    'Since {since}, complaints about {category} in {place} have risen sharply: {count} this week, well above {expected}, mostly at night. Advice: (1) {department} should patrol the area after 10 p.m. to find the source on site (building work, shop loudspeakers, entertainment venues, neighbours); (2) check the night-work permits of building sites, stop work without one on the spot and deal with it as the law provides; (3) visit shops and venues to explain the limits and quiet hours, and open cases against those who ignore repeated warnings; (4) call the complainants back the same night or the next day to confirm the noise has stopped.',
  ),
  template(
    'noise',
    'spread',
    '{since}起，涉及{category}的投诉在{villages}等村（社区）相继增多，全镇本周{count}，超过{upper}。建议：一是由{department}牵头组织一次夜间噪声专项巡查，并将施工工地、沿街商户、广场舞等集中点位列入周五联合执法统一检查；二是对在建工地逐一告知夜间施工管理要求，督促采取降噪措施；三是通过村广播和微信群宣传噪声管理规定，倡导文明作息；四是指挥室跟踪一周，夜间投诉未回落的加密巡查。',
    'Since {since}, complaints about {category} have grown in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a night-time noise sweep and put the main spots (building sites, street shops, square dancing) on the Friday joint enforcement; (2) remind every building site of the rules on night work and have them take noise-reduction measures; (3) explain the noise rules and considerate hours over village loudspeakers and in WeChat groups; (4) the command room follows it for a week and adds patrols if night complaints have not come down.',
  ),
  template(
    'noise',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉{slope}，已持续{weeks}。建议：一是由{department}建立噪声敏感点位清单（学校、医院、居民密集区周边），纳入常态化夜查；二是对反复被投诉的经营者约谈负责人，督促安装隔音降噪设施；三是会同{place}村两委在村规民约中约定作息时段，由村民议事会协商解决生活噪声纠纷；四是指挥室每周通报，持续上升的列入每月一题。',
    'Since {since}, complaints about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should list the places sensitive to noise (around schools, clinics and crowded housing) and patrol them at night as routine; (2) summon the managers of businesses complained about again and again for a talk (约谈) and have them install soundproofing; (3) with the village committees of {place}, agree quiet hours in the village rules and let the village council settle disputes over household noise; (4) the command room reports weekly; if it keeps rising, make it the problem of the month.',
  ),
  // 市场秩序
  template(
    'market_order',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。建议：一是由{department}对被投诉集中的经营主体上门走访，逐户核查证照、明码标价、计量器具和商品来源；二是对查实的违法行为依法处理，对消费纠纷及时组织调解，督促经营者先行赔付；三是约谈被投诉较多的经营者和市场开办方，落实主体责任；四是在经营场所张贴消费提示、公布投诉渠道，一周后复盘。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} should visit the businesses most complained about, checking licences, price tags, weights and measures and where goods come from; (2) deal with confirmed violations as the law provides, mediate consumer disputes promptly and have traders compensate first; (3) summon the traders and market operators with the most complaints for a talk (约谈) on their duties; (4) post consumer notices and how to complain at the premises, and review after a week.',
  ),
  template(
    'market_order',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头对同类经营主体开展专项检查，必要时列入周五联合执法；二是召开行业约谈会，通报典型问题，督促经营者自查自纠；三是发布消费提示，提醒群众留存凭证、依法维权；四是对涉嫌传销、诈骗的线索及时移交公安。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a targeted inspection of businesses of the same kind, on the Friday joint enforcement where needed; (2) hold a trade meeting to present typical cases and have traders check and correct themselves; (3) publish a consumer warning reminding people to keep receipts and assert their rights lawfully; (4) pass leads of pyramid selling or fraud to the police at once.',
  ),
  template(
    'market_order',
    'new_term',
    '近期{place}涉及{category}的投诉中集中出现{terms}，本周{count}，可能指向新的消费陷阱或新业态（如预付卡、直播带货、社区团购等）。建议：一是指挥室当日调取相关工单研判，梳理涉及的经营主体；二是由{department}在3个工作日内上门走访核实，对预付卡经营者核查资金和履约能力，防止“卷款跑路”；三是约谈相关经营者，督促履约、退费；四是及时发布消费提示，提醒群众谨慎预付、保留凭证。',
    'Complaints about {category} in {place} have lately been full of {terms} ({count} this week), which may point to a new consumer trap or a new kind of business (prepaid cards, livestream selling, group buying). Advice: (1) the command room reads the reports the same day and lists the businesses involved; (2) {department} should visit them within three working days and check the funds and ability to deliver of those selling prepaid cards, before anyone runs off with the money; (3) summon them for a talk (约谈) and have them deliver or refund; (4) publish a consumer warning: be careful paying in advance and keep receipts.',
  ),
  // 食品安全
  template(
    'food_safety',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。食品安全事关群众健康，须当日响应。建议：一是由{department}当日对涉事餐饮单位和食品经营者开展检查，必要时抽样送检；二是如有群众身体不适，立即核实人数和症状，按疑似食物中毒程序报告，并会同卫生监督站处置；三是对证照不全、过期变质等问题依法查处，责令停业整改直至符合要求；四是回访投诉人，并提醒同类经营者开展自查。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Food safety is about people’s health and needs an answer the same day. Advice: (1) {department} should inspect the restaurants and food businesses concerned the same day, taking samples for testing where needed; (2) if anyone has fallen ill, establish at once how many and with what symptoms, report it as suspected food poisoning and handle it with the health supervision station; (3) deal with missing licences and expired or spoiled food as the law provides, and order premises closed until they comply; (4) call the complainants back and remind similar businesses to check themselves.',
  ),
  template(
    'food_safety',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头，在周五联合执法中对餐饮和食品经营单位集中检查，重点查看后厨卫生、进货查验和留样记录；二是加强学校食堂检查和农村集体聚餐报备指导；三是对抽检不合格的食品追溯来源、依法处置；四是通过村广播和微信群发布食品安全提示。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a concentrated inspection of restaurants and food businesses on the Friday joint enforcement, looking at kitchens, purchase checks and sample records; (2) step up checks of school canteens and guidance on registering village banquets; (3) trace food that fails testing back to its source and deal with it as the law provides; (4) broadcast food safety tips over village loudspeakers and in WeChat groups.',
  ),
  template(
    'food_safety',
    'new_term',
    '近期{place}涉及{category}的投诉中集中出现{terms}，本周{count}，可能涉及新的食品品种、销售方式或同一来源的问题食品。建议：一是指挥室当日研判相关工单，判明是否指向同一产品或商家；二是由{department}立即核查来源，必要时下架封存、抽样送检；三是对网络订餐、直播带货等新渠道的经营者核查资质；四是发布消费提示，提醒群众暂停食用可疑产品并保留证据。',
    'Complaints about {category} in {place} have lately been full of {terms} ({count} this week), which may point to a new kind of food, a new way of selling it, or bad food from one source. Advice: (1) the command room reads the reports the same day to see whether they point to one product or trader; (2) {department} should trace the source at once, taking products off the shelves, sealing them and sampling them where needed; (3) check the licences of online-ordering and livestream sellers; (4) publish a consumer warning to stop eating suspect products and keep the evidence.',
  ),
  // 生态环境
  template(
    'environment',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。建议：一是由{department}在2个工作日内开展现场溯源，针对异味、废水、焚烧等问题实行错时和夜间检查；二是对周边企业逐家检查治污设施运行和台账，对超标排放的依法查处；三是约谈涉事企业负责人，限期整改并跟踪复查；四是向投诉人反馈溯源和处置结果。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} should trace the source on site within two working days, checking at off-hours and at night for odours, waste water or burning; (2) check the pollution-control equipment and records of every nearby enterprise, and deal with excess emissions as the law provides; (3) summon the managers of the enterprises concerned for a talk (约谈), set a deadline to put it right and check again; (4) tell the complainants what was found and done.',
  ),
  template(
    'environment',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头开展区域排查，在周五联合执法中对涉气、涉水企业和“散乱污”作坊集中检查；二是各村落实网格巡查，盯住露天焚烧、畜禽养殖等面源污染；三是对整改不到位的企业依法查处并公开曝光；四是公布举报渠道，鼓励群众随手拍。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead an area-wide search on the Friday joint enforcement, inspecting enterprises with air and water emissions and small polluting workshops together; (2) the villages’ grid workers patrol for diffuse sources such as open burning and livestock farming; (3) deal with enterprises that have not put things right as the law provides and make the cases public; (4) publish how to report and encourage people to send photos.',
  ),
  template(
    'environment',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉和案件{slope}，已持续{weeks}。建议：一是由{department}建立重点排污企业清单，落实定期检查和在线监测；二是从源头管控，督促高污染工序升级改造或搬迁入园；三是对反复出现的点位安排常态化巡查，邀请投诉群众参与复查；四是指挥室每月通报，持续上升的列入每月一题。',
    'Since {since}, complaints and cases about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should list the main polluting enterprises for regular inspection and online monitoring; (2) control it at the source: have polluting processes upgraded or moved into industrial parks; (3) patrol the recurring spots routinely and invite complainants to join the follow-up checks; (4) the command room reports monthly; if it keeps rising, make it the problem of the month.',
  ),
  // 劳动保障
  template(
    'labour',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。建议：一是由{department}在2个工作日内上门走访涉事企业，核查工资支付台账、劳动合同和社保缴纳情况；二是对欠薪的督促限期支付，逾期不付的依法立案，涉嫌拒不支付劳动报酬的移送公安；三是会同{place}村两委和镇调解组织开展劳资调解，稳定职工情绪；四是对投诉职工逐一回访，跟踪工资兑付。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} should visit the enterprises concerned within two working days, checking wage records, labour contracts and social insurance payments; (2) set deadlines for wage arrears, open cases when they pass, and refer suspected refusal to pay wages to the police; (3) with the village committees of {place} and the town’s mediators, mediate between workers and employers and keep the workers calm; (4) call back every worker who complained and follow the payments through.',
  ),
  template(
    'labour.enterprise_dispute.wage_arrears',
    'village_surge',
    '{since}起，{place}欠薪投诉明显增多，本周{count}，高于{expected}，须警惕企业经营困难甚至负责人“跑路”。建议：一是由{department}当日联系涉事企业负责人，核实经营状况、欠薪人数和金额；二是发现停产、转移资产、负责人失联等迹象的，立即报告镇分管领导，会同公安和属地村依法处置，必要时动用工资保证金或应急周转金；三是对工程建设项目欠薪，督促施工总承包单位先行垫付；四是对讨薪职工做好政策解释和情绪疏导，防止聚集。',
    'Since {since}, complaints about wage arrears in {place} have risen sharply: {count} this week, well above {expected}; watch for an enterprise in trouble or a boss about to disappear. Advice: (1) {department} should contact the managers of the enterprises concerned the same day to establish how the business stands, how many workers are owed and how much; (2) at any sign of stopped production, assets moved away or managers out of reach, report at once to the town leader in charge and act with the police and the village as the law provides, drawing on the wage deposit or the emergency fund where needed; (3) for arrears on building projects, have the main contractor pay first; (4) explain the rules to the workers, calm tempers and prevent gatherings.',
    ['{place}欠薪投诉突增，警惕企业“跑路”', 'Wage arrears surging in {place}: watch for bosses absconding'],
  ),
  template(
    'labour',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头开展用工企业专项检查，重点检查工资支付、劳动合同签订和社保缴纳，必要时列入周五联合执法；二是对有欠薪隐患的企业建立台账，动态监测；三是节前（尤其春节前）组织欠薪问题集中排查化解；四是结合上门走访企业，讲清劳动用工法规和维权渠道。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a targeted inspection of employers (wages, labour contracts, social insurance), on the Friday joint enforcement where needed; (2) keep a register of enterprises at risk of wage arrears and watch them closely; (3) before holidays, above all the Spring Festival, clear wage arrears in a concentrated campaign; (4) explain employment law and how workers can claim their rights on enterprise visits.',
  ),
  template(
    'labour',
    'new_term',
    '近期{place}涉及{category}的投诉中集中出现{terms}，本周{count}，可能是新的用工方式或新的劳资矛盾（如平台用工、社保断缴、集中裁员等）。建议：一是指挥室当日研判相关工单，判明涉及的企业和人数；二是由{department}在3个工作日内上门走访企业，了解经营和用工变化；三是对可能引发群体性讨薪的，提前制定化解预案并报镇分管领导；四是向企业和职工开展针对性政策宣传。',
    'Complaints about {category} in {place} have lately been full of {terms} ({count} this week), which may point to a new way of employing people or a new labour conflict (platform work, stopped social insurance, mass lay-offs). Advice: (1) the command room reads the reports the same day to find the enterprises and how many workers are involved; (2) {department} should visit the enterprises within three working days to learn what has changed in the business and its workforce; (3) where collective wage claims may follow, prepare a plan in advance and report to the town leader in charge; (4) give employers and workers targeted information on the rules.',
  ),
  template(
    'labour',
    'overdue_backlog',
    '截至{week}，{place}涉及{category}的投诉和案件超期未办结{overdue}，且仍在增加。劳资纠纷拖得越久，职工越难维权，越易引发聚集。建议：一是指挥室对超期件逐件挂牌督办，每日通报；二是由{department}逐件说明原因、明确办结时限，对拖延支付的企业负责人进行约谈；三是调解不成的及时引导仲裁或诉讼，符合条件的提供法律援助；四是办结后逐一回访职工。',
    'As of {week}, the overdue complaints and cases about {category} in {place} have piled up to {overdue}, and more are coming. The longer a labour dispute drags on, the harder it is for workers to get their due and the likelier they are to gather. Advice: (1) the command room puts every overdue record under supervision (督办) and reports daily; (2) {department} should explain each delay, set a closing date and summon managers who delay payment for a talk (约谈); (3) where mediation fails, guide workers to arbitration or the courts and offer legal aid to those eligible; (4) call every worker back after closing.',
  ),
  // 消防安全
  template(
    'fire_safety',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。消防隐患一旦酿成事故后果严重，须立即处置。建议：一是由{department}在24小时内逐件现场检查，对堵塞消防通道、占用安全出口的当场清障；二是对电动自行车违规充电、私拉电线“飞线”充电的立即整改，推动建设集中充电设施；三是排查“三合一”场所，依法责令整改，对重大隐患依法临时查封；四是入户开展消防安全宣传。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. A fire hazard that turns into a fire costs lives, so act at once. Advice: (1) {department} should inspect every report on site within 24 hours and clear blocked fire lanes and exits on the spot; (2) stop unsafe e-bike charging and trailing cables at once and push for shared charging points; (3) search for premises that combine living, working and storage, order them put right as the law provides, and seal those with serious hazards; (4) give door-to-door fire safety advice.',
  ),
  template(
    'fire_safety',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头开展消防安全专项整治，列入周五联合执法，按“通查通办”对出租房、小作坊、沿街店铺统一检查；二是各村组织网格员、消防志愿者逐户排查，建立隐患清单、限期销号；三是集中整治电动自行车进楼入户和违规充电；四是开展消防演练和宣传，提高群众自防自救能力。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a fire safety campaign on the Friday joint enforcement, inspecting rental housing, small workshops and street shops together in one visit; (2) each village sends grid workers and fire volunteers door to door to list hazards and close them by a deadline; (3) stop e-bikes being taken indoors and charged unsafely; (4) hold fire drills and publicity so that people can protect and save themselves.',
  ),
  template(
    'fire_safety',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉和案件{slope}，已持续{weeks}。建议：一是由{department}分析隐患类型，对出租房、“三合一”场所等重点对象建立清单，定期复查；二是推动在{place}建设电动自行车集中停放充电场所，从源头减少违规充电；三是落实房东和经营业主的消防安全主体责任，签订责任书；四是指挥室每月通报，持续上升的列入每月一题。',
    'Since {since}, complaints and cases about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should analyse the kinds of hazard and list rental housing and combined living-working premises for regular re-inspection; (2) push for shared e-bike parking and charging in {place}, removing the reason for unsafe charging; (3) hold landlords and business owners to their fire safety duties with signed undertakings; (4) the command room reports monthly; if it keeps rising, make it the problem of the month.',
  ),
  // 安全生产
  template(
    'work_safety',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。建议：一是由{department}在24小时内对涉事企业和场所开展现场检查，重点检查危险化学品、燃气使用和特种设备；二是对重大事故隐患依法责令停产停业整改，整改完成前不得恢复生产；三是约谈企业主要负责人，督促落实安全生产主体责任和全员培训；四是整改完成后组织复查，并向投诉人反馈。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} should inspect the enterprises and sites concerned within 24 hours, above all hazardous chemicals, gas use and special equipment; (2) where there is a serious accident hazard, order work stopped as the law provides until it is put right; (3) summon the enterprises’ principal managers for a talk (约谈) on their safety duties and training of all staff; (4) re-inspect once it is put right and tell the complainants.',
  ),
  template(
    'work_safety',
    'spread',
    '{since}起，涉及{category}的问题在{villages}等村（社区）相继出现，全镇本周{count}，超过{upper}。建议：一是由{department}牵头开展安全生产大检查，列入周五联合执法，按“通查通办”一次检查多项内容，减少对企业的重复打扰；二是对同类企业推行“体检报告式”检查，列明隐患和整改建议；三是对燃气、危化品使用单位逐家排查；四是组织企业负责人安全生产培训，通报典型事故案例。',
    'Since {since}, problems of {category} have appeared in one village after another ({villages}); the town had {count} this week, over {upper}. Advice: (1) {department} should lead a work safety inspection on the Friday joint enforcement, checking several things in one visit to spare enterprises repeated visits; (2) give enterprises of the same kind a health-check style report of their hazards and how to fix them; (3) check every user of gas and hazardous chemicals; (4) train enterprise managers in work safety with typical accident cases.',
  ),
  // 矛盾纠纷
  template(
    'disputes',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉明显增多，本周{count}，高于{expected}。建议：一是由{place}村两委和人民调解委员会第一时间介入，落实“小事不出组、大事不出村”；二是对涉及多方、积怨较深的纠纷，提交镇矛盾纠纷调处化解中心，会同{department}联合调处；三是对可能激化的纠纷逐件落实稳控责任人，防止“民转刑”；四是调处后回访当事人，巩固调解成果。',
    'Since {since}, complaints about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) the village committees of {place} and the people’s mediation committee step in at once: small matters are settled in the group, big ones in the village; (2) take disputes with many parties or old grievances to the town’s dispute resolution centre and settle them together with {department}; (3) name a person responsible for each dispute that may escalate, so that it does not turn into a crime; (4) call the parties back afterwards to make the settlement last.',
  ),
  template(
    'disputes',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉{slope}，已持续{weeks}。建议：一是由{place}村两委组织网格员开展矛盾纠纷排查，建立台账，逐件明确化解责任人；二是邀请法律顾问进村坐诊，提供法律咨询；三是将共性问题提交周五村民议事会协商，形成村规民约；四是由{department}对疑难纠纷提供专业支持，指挥室每月通报。',
    'Since {since}, complaints about {category} in {place} have been {slope} for {weeks}. Advice: (1) the village committees of {place} have grid workers search out disputes, keep a register and name someone to settle each; (2) invite the village legal adviser to hold consultation hours; (3) bring common problems to the Friday village council and write the outcome into the village rules; (4) {department} should give specialist support on hard disputes; the command room reports monthly.',
  ),
  // 交通与停车
  template(
    'traffic',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉和案件明显增多，本周{count}，高于{expected}。建议：一是由{department}会同交警在高峰时段对集中路段开展定向巡查，劝离、处罚违停车辆；二是会同{place}村两委梳理停车需求，利用闲置地块设置临时停车位，施划非机动车停放区；三是对标志标线缺失、信号灯故障的及时报修；四是一周后复盘，未回落的纳入周五联合执法。',
    'Since {since}, complaints and cases about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} and the traffic police patrol the worst stretches at rush hours, moving on or fining illegally parked vehicles; (2) with the village committees of {place}, work out parking needs, open temporary car parks on idle plots and mark parking areas for bicycles and scooters; (3) report missing signs and markings and broken traffic lights for repair; (4) review after a week and put it on the Friday joint enforcement if the count has not fallen.',
  ),
  // 住房与物业
  template(
    'housing',
    'slow_rise',
    '自{since}以来，{place}涉及{category}的投诉{slope}，已持续{weeks}。建议：一是由{department}约谈被投诉集中的物业服务企业，督促限期整改服务问题、公开收费项目；二是指导成立或激活业主委员会，建立物业、业委会、社区三方协调机制；三是对电梯、危房等安全问题优先处置，督促维保到位；四是将物业服务投诉纳入企业信用评价，指挥室每月通报。',
    'Since {since}, complaints about {category} in {place} have been {slope} for {weeks}. Advice: (1) {department} should summon the property management companies most complained about for a talk (约谈), with a deadline to fix their service and publish their charges; (2) help owners set up or revive owners’ committees and a three-way table of property company, owners and community; (3) deal first with safety, lifts and unsafe buildings, with proper maintenance; (4) count complaints in the companies’ credit rating, reported monthly by the command room.',
  ),
  // 公共设施
  template(
    'public_facilities',
    'village_surge',
    '{since}起，{place}涉及{category}的投诉明显增多，本周{count}，高于{expected}。建议：一是由{department}当日通知道路、供水、供电、市政等维护单位到场，对井盖缺失、路面塌陷等危及安全的先设警示、限时修复；二是其余问题明确修复时限并在现场公示；三是排查同类设施，能一并修复的一并修复；四是修复后回访投诉人并拍照存档。',
    'Since {since}, complaints about {category} in {place} have risen sharply: {count} this week, well above {expected}. Advice: (1) {department} should call out the maintainers of roads, water, power and municipal facilities the same day; hazards such as missing manhole covers or collapsed road surfaces are fenced off first and repaired against a deadline; (2) set and post deadlines on site for the rest; (3) check facilities of the same kind and repair them in the same visit; (4) call the complainants back after repair and keep photos on file.',
  ),
];

/**
 * The built-in advice library: one generic template per situation and the areas' own where their work differs. A
 * town edits a template by storing its own version under the same code (`advice_template`), switches one off with an
 * inactive row, and adds its own under new codes.
 */
export const builtinAdviceTemplates: readonly AdviceTemplate[] = [...generic, ...areas];
