import type { LeafPhrases } from './phrases.js';

/*
 * What complaints and cases say, for the leaves about business and the built environment: market order, city
 * appearance, illegal construction, labour, food, fire and environment. `{e}` is the enterprise the record names, or
 * the leaf's `party` when it names none. Written after the phrasing of 12345 work orders (来电人反映 … 诉求 …).
 */
export const ECONOMY_PHRASES: Readonly<Record<string, LeafPhrases>> = {
  'market_order.unlicensed_business': {
    subject: '无证无照经营',
    party: '一家店铺',
    issues: ['{e}未办理营业执照擅自经营', '有人在民房内无照经营小商品批发', '{e}无证经营已有半年多'],
    violation: '未依法取得营业执照从事经营活动',
  },
  'market_order.price': {
    subject: '价格违法',
    party: '一家商店',
    issues: ['{e}商品未明码标价，结账时随意加价', '{e}节假日期间哄抬价格', '{e}标价与实际收费不一致'],
    violation: '不按规定明码标价',
  },
  'market_order.counterfeit': {
    subject: '假冒伪劣商品',
    party: '一家批发店',
    issues: ['{e}销售假冒品牌的饰品', '在{e}购买的玩具质量低劣，疑似三无产品', '{e}仓库内存放大量假冒商标的小商品'],
    violation: '销售假冒注册商标的商品',
  },
  'market_order.consumer_dispute': {
    subject: '消费纠纷',
    party: '一家商家',
    issues: ['在{e}购买的商品出现质量问题，商家拒绝退换', '{e}收取预付款后不发货', '在{e}办理的会员卡余额无法使用'],
    violation: '侵害消费者合法权益',
    demands: ['要求商家退款', '希望协调商家退换货', '要求商家赔偿损失'],
  },
  'market_order.false_advertising': {
    subject: '虚假宣传',
    party: '一家网店',
    issues: [
      '{e}宣传商品有保健功效，与实际不符',
      '{e}以“最低价”“全网第一”等用语虚假宣传',
      '{e}网店页面宣传与实物严重不符',
    ],
    violation: '发布虚假广告',
  },
  'market_order.short_weight': {
    subject: '短斤缺两',
    party: '一家摊位',
    issues: ['{e}使用的电子秤不准，短斤缺两', '在{e}购买的水果回家称重少了一斤多', '{e}计量器具疑似被改装'],
    violation: '使用不合格计量器具',
  },
  'market_order.pyramid_selling': {
    subject: '疑似传销',
    party: '一伙人',
    issues: ['{e}在出租房内聚集开会，疑似传销', '有人以高额回报为诱饵发展下线', '亲属被人拉去听课后要求交钱入会'],
    violation: '组织策划传销活动',
  },
  'city_appearance.street_stall': {
    subject: '占道经营',
    party: '流动摊贩',
    issues: [
      '有流动摊贩占道经营，油烟大、堵塞通行',
      '夜间大量小吃摊占用人行道摆摊',
      '水果摊长期占用道路经营',
      '早市摊贩占用机动车道摆卖',
    ],
    violation: '擅自占用城市道路摆摊经营',
  },
  'city_appearance.shopfront': {
    subject: '出店经营',
    party: '沿街商铺',
    issues: ['{e}将货物摆放到店外人行道上经营', '{e}在店门口搭棚出店经营', '{e}占用门前通道堆放商品'],
    violation: '超出门窗外墙摆卖经营',
  },
  'city_appearance.outdoor_ads': {
    subject: '户外广告招牌',
    party: '一家店铺',
    issues: ['{e}的招牌松动，有掉落危险', '{e}擅自设置大型户外广告牌', '路边广告横幅破损悬挂'],
    violation: '擅自设置户外广告设施',
  },
  'city_appearance.illegal_posting': {
    subject: '乱张贴乱涂写',
    issues: ['墙面、电线杆上被张贴大量小广告', '有人在围墙上喷涂办证电话', '公交站台被贴满招租广告'],
    violation: '在建筑物、构筑物上乱张贴',
  },
  'city_appearance.clutter': {
    subject: '乱堆乱放',
    issues: ['路边长期堆放杂物、废旧家具', '有人在公共通道堆放纸箱等货物', '小区空地被堆满建材杂物'],
    violation: '在公共场所乱堆乱放',
  },
  'city_appearance.household_waste': {
    subject: '生活垃圾清运',
    issues: ['垃圾桶满溢多日无人清运，气味难闻', '垃圾中转点周边脏乱，蚊蝇较多', '垃圾分类点设置不合理'],
    violation: '未按规定分类投放生活垃圾',
  },
  'city_appearance.construction_waste': {
    subject: '建筑垃圾乱倒',
    issues: ['有车辆夜间偷倒建筑垃圾', '装修垃圾被倾倒在路边绿化带', '农田边被倾倒大量建筑渣土'],
    violation: '随意倾倒建筑垃圾',
  },
  'illegal_construction.new_building': {
    subject: '违法建筑',
    party: '村民',
    issues: ['有人在宅基地外新建房屋', '村民未经审批建造三层楼房', '在农田上新建简易厂房'],
    violation: '未取得建设工程规划许可证进行建设',
  },
  'illegal_construction.extension': {
    subject: '违法搭建',
    party: '住户',
    issues: ['住户在楼顶搭建彩钢棚', '底楼住户占用公共绿地搭建阳光房', '有人在河道边搭建简易棚'],
    violation: '违法搭建建筑物、构筑物',
  },
  'illegal_construction.structure_change': {
    subject: '擅自改变房屋结构',
    party: '住户',
    issues: ['楼上住户装修拆除承重墙', '商铺擅自打通墙体扩大经营面积', '住户擅自改变房屋结构加建夹层'],
    violation: '擅自变动房屋建筑主体和承重结构',
  },
  'illegal_construction.land_use': {
    subject: '违法用地',
    party: '一家企业',
    issues: ['{e}占用耕地堆放货物', '有人非法占用基本农田建设停车场', '{e}未经批准擅自扩大用地范围'],
    violation: '未经批准非法占用土地',
  },
  'labour.enterprise_dispute.wage_arrears': {
    subject: '拖欠工资',
    party: '所在公司',
    issues: [
      '{e}拖欠工资两个多月未发放',
      '{e}老板以效益不好为由拖欠工人工资',
      '在{e}做工，工程结束后工资一直未结清',
      '{e}拖欠十余名工人工资共计数万元',
    ],
    violation: '拖欠劳动者工资',
    demands: ['要求尽快拿回工资', '希望相关部门督促企业支付工资', '要求企业结清拖欠的工资'],
  },
  'labour.enterprise_dispute.contract': {
    subject: '劳动合同纠纷',
    party: '所在公司',
    issues: ['{e}未与员工签订书面劳动合同', '{e}无故解除劳动合同且不给补偿', '{e}擅自调岗降薪'],
    violation: '未依法签订书面劳动合同',
  },
  'labour.enterprise_dispute.social_insurance': {
    subject: '社保缴纳纠纷',
    party: '所在公司',
    issues: ['{e}未给员工缴纳社会保险', '{e}按最低基数缴纳社保', '{e}扣了社保费用却未实际缴纳'],
    violation: '未依法为劳动者缴纳社会保险费',
  },
  'labour.enterprise_dispute.work_injury': {
    subject: '工伤纠纷',
    party: '所在公司',
    issues: ['在{e}工作时受伤，企业拒绝申报工伤', '{e}不支付工伤期间工资', '工友在{e}被机器压伤，医药费无人承担'],
    violation: '未依法申报工伤',
  },
  'labour.enterprise_dispute.other': {
    subject: '劳资纠纷',
    party: '所在公司',
    issues: ['{e}扣押员工身份证', '{e}强制员工加班不付加班费', '{e}拒不退还押金'],
    violation: '侵害劳动者合法权益',
  },
  'labour.illegal_employment': {
    subject: '违法用工',
    party: '一家工厂',
    issues: ['{e}疑似使用童工', '{e}每天安排工人工作十四个小时以上', '{e}招用未成年人从事危险作业'],
    violation: '非法使用童工',
  },
  'labour.employment_service': {
    subject: '就业服务',
    issues: ['咨询灵活就业人员的就业登记手续', '反映招聘会信息发布不及时', '咨询失业登记及就业补贴申领'],
    violation: '就业服务',
    demands: ['希望得到答复', '请相关部门给予指导'],
  },
  'food_safety.catering': {
    subject: '餐饮卫生',
    party: '一家饭店',
    issues: ['在{e}就餐后出现腹泻呕吐', '{e}后厨卫生脏乱，老鼠出没', '在{e}的菜品中吃出异物'],
    violation: '餐饮服务环境不符合食品安全要求',
  },
  'food_safety.unlicensed_food': {
    subject: '无证食品经营',
    party: '一个小作坊',
    issues: ['民房内有无证食品小作坊生产糕点', '有人在出租房内无证加工熟食', '路边无证售卖自制卤味'],
    violation: '未取得食品经营许可从事食品经营',
  },
  'food_safety.expired_food': {
    subject: '过期变质食品',
    party: '一家超市',
    issues: ['在{e}买到过期的牛奶', '{e}出售霉变的糕点', '{e}货架上有多种过期食品'],
    violation: '经营超过保质期的食品',
  },
  'food_safety.school_food': {
    subject: '校园食品安全',
    issues: ['学校周边小卖部售卖三无零食', '孩子反映学校食堂饭菜有异味', '学校门口流动摊点售卖不卫生食品'],
    violation: '校园周边食品安全问题',
  },
  'fire_safety.blocked_fire_lane': {
    subject: '消防通道堵塞',
    issues: ['小区消防通道被车辆长期堵塞', '楼道内堆放大量杂物，堵塞安全出口', '消防通道被划为停车位'],
    violation: '占用、堵塞消防车通道',
  },
  'fire_safety.ebike_charging': {
    subject: '电动车违规充电',
    issues: ['有人从楼上私拉电线给电动车充电', '住户把电动车推进楼道充电', '出租房内多辆电动车集中充电'],
    violation: '违规停放电动自行车并充电',
  },
  'fire_safety.three_in_one': {
    subject: '“三合一”场所',
    party: '一家加工点',
    issues: ['{e}生产、仓储、住宿混在一栋楼内', '{e}仓库楼上住人，消防隐患大', '{e}在厂房内设置员工宿舍'],
    violation: '生产、储存、经营场所与员工宿舍设置在同一建筑物内',
  },
  'fire_safety.fire_equipment': {
    subject: '消防设施损坏',
    issues: ['小区消防栓损坏无水', '楼道灭火器过期未更换', '应急照明和疏散指示灯损坏'],
    violation: '消防设施、器材未保持完好有效',
  },
  'environment.air': {
    subject: '大气污染',
    party: '附近一家工厂',
    issues: ['{e}排放刺鼻废气', '{e}烟囱冒黑烟', '{e}喷漆作业未做废气处理'],
    violation: '超标排放大气污染物',
  },
  'environment.water': {
    subject: '水污染',
    party: '附近一家工厂',
    issues: ['{e}往河里偷排污水', '河道水体发黑发臭', '{e}的废水直排雨水管'],
    violation: '通过暗管偷排水污染物',
  },
  'environment.solid_waste': {
    subject: '固体废物污染',
    party: '附近一家工厂',
    issues: ['{e}在空地堆放工业边角料并焚烧', '{e}随意丢弃危险废物包装桶', '有人在山脚倾倒工业垃圾'],
    violation: '未按规定贮存、处置固体废物',
  },
  'environment.odour': {
    subject: '异味扰民',
    party: '附近一家工厂',
    issues: ['{e}生产时散发刺鼻异味', '每到晚上{e}附近气味难闻', '{e}排放的气味让人头晕'],
    violation: '排放恶臭气体',
  },
  'environment.open_burning': {
    subject: '露天焚烧',
    issues: ['有人在田间焚烧秸秆，烟雾很大', '有人露天焚烧垃圾', '空地上焚烧废旧轮胎'],
    violation: '露天焚烧秸秆、垃圾',
  },
  'environment.livestock': {
    subject: '畜禽养殖污染',
    issues: ['有人在村里违规养猪，臭味严重', '养鸡场粪便随意堆放', '养殖废水流入周边池塘'],
    violation: '畜禽养殖废弃物未经处理直接排放',
  },
};
