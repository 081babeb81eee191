import type { LeafPhrases } from './phrases.js';

/*
 * What complaints and cases say, for the leaves of daily life: noise, traffic, housing, public facilities, social
 * security, work safety, disputes and the rest. Same conventions as phrases-economy.ts.
 */
export const LIFE_PHRASES: Readonly<Record<string, LeafPhrases>> = {
  'noise.construction': {
    subject: '施工噪声',
    party: '一处工地',
    issues: ['{e}夜间施工，噪声很大', '工地晚上十点后仍在打桩', '{e}凌晨浇筑混凝土，机器轰鸣'],
    violation: '夜间违规进行产生噪声的建筑施工作业',
  },
  'noise.commercial': {
    subject: '商业噪声',
    party: '一家店铺',
    issues: ['{e}门口用大喇叭循环播放促销广告', '{e}营业到深夜，音乐声音很大', '{e}的KTV包厢噪声扰民'],
    violation: '商业经营活动中使用高音广播喇叭',
  },
  'noise.industrial': {
    subject: '工业噪声',
    party: '附近一家工厂',
    issues: ['{e}夜间生产，机器噪声很大', '{e}冲床声音持续到凌晨', '{e}的风机噪声影响休息'],
    violation: '工业噪声超过排放标准',
  },
  'noise.neighbourhood': {
    subject: '社会生活噪声',
    issues: ['楼上住户深夜经常发出噪声', '广场舞音响声音太大', '邻居家狗夜间一直叫', '有人深夜在楼下喝酒喧哗'],
    violation: '社会生活噪声扰民',
  },
  'noise.traffic': {
    subject: '交通噪声',
    issues: ['主干道大货车夜间通行噪声大', '有车辆改装排气管深夜炸街', '道路减速带引起车辆颠簸噪声'],
    violation: '机动车噪声扰民',
  },
  'traffic.illegal_parking': {
    subject: '违章停车',
    party: '一家物流公司',
    issues: ['人行道上长期停满车辆', '{e}的货车长期占道停放', '有车辆堵在小区出入口'],
    violation: '机动车违反规定停放',
  },
  'traffic.non_motor_parking': {
    subject: '非机动车乱停放',
    issues: ['共享单车在路口大量堆积', '电动车停满人行道，行人无法通过', '商场门口非机动车乱停乱放'],
    violation: '非机动车乱停乱放',
  },
  'traffic.congestion': {
    subject: '交通拥堵',
    issues: ['上下班高峰路口拥堵严重', '学校门口接送孩子时段堵车', '市场周边道路车辆拥堵'],
    violation: '交通拥堵',
  },
  'traffic.signals': {
    subject: '交通信号与标志标线',
    issues: ['路口红绿灯损坏不亮', '道路标线模糊不清', '转弯处缺少警示标志'],
    violation: '交通设施缺损',
  },
  'traffic.public_transport': {
    subject: '公交出行',
    issues: ['公交车班次太少，等车时间长', '公交车不按站点停靠', '希望增设一条通往城区的公交线路'],
    violation: '公交服务问题',
  },
  'traffic.parking_fee': {
    subject: '停车收费',
    party: '一家停车场',
    issues: ['{e}收费未公示标准', '{e}超时收费过高', '路边停车位被私人收费'],
    violation: '停车收费不明码标价',
  },
  'housing.property_service': {
    subject: '物业服务',
    party: '小区物业',
    issues: ['{e}服务差，卫生长期无人打扫', '{e}对业主报修不予处理', '小区门禁损坏{e}不修'],
    violation: '物业服务不到位',
  },
  'housing.property_fee': {
    subject: '物业收费',
    party: '小区物业',
    issues: ['{e}擅自上涨物业费', '{e}收取不合理的停车管理费', '{e}公共收益不公开'],
    violation: '物业收费不规范',
  },
  'housing.rental': {
    subject: '房屋租赁',
    party: '房东',
    issues: ['{e}拒不退还押金', '出租房隔断过多，住了很多人', '{e}提前收房不退租金'],
    violation: '出租房屋不符合安全条件',
  },
  'housing.unsafe_building': {
    subject: '危房',
    issues: ['老房子墙体开裂，随时可能倒塌', '雨后房屋出现明显倾斜', '旧楼外墙瓷砖脱落'],
    violation: '危险房屋未及时治理',
  },
  'housing.lift': {
    subject: '电梯安全',
    party: '小区物业',
    issues: ['小区电梯经常困人', '电梯运行时异响抖动', '电梯检验合格证过期'],
    violation: '电梯未按规定进行定期检验',
  },
  'public_facilities.road': {
    subject: '道路破损',
    issues: ['路面坑洼不平，雨天积水', '桥面护栏损坏', '道路塌陷形成大坑'],
    violation: '道路破损',
  },
  'public_facilities.street_light': {
    subject: '路灯照明',
    issues: ['路灯不亮已有一周', '一整排路灯晚上不开', '路灯杆倾斜存在安全隐患'],
    violation: '路灯损坏',
  },
  'public_facilities.manhole': {
    subject: '井盖缺失破损',
    issues: ['路上井盖缺失，十分危险', '井盖破碎，车辆经过时响声很大', '人行道井盖下沉'],
    violation: '井盖缺失',
  },
  'public_facilities.drainage': {
    subject: '排水与内涝',
    issues: ['下雨后道路积水严重', '下水道堵塞，污水外溢', '雨水井堵塞导致店铺进水'],
    violation: '排水设施堵塞',
  },
  'public_facilities.water_supply': {
    subject: '供水',
    issues: ['家中自来水水压低', '突然停水且没有通知', '自来水发黄有异味'],
    violation: '供水问题',
  },
  'public_facilities.power_supply': {
    subject: '供电',
    issues: ['最近经常停电', '电压不稳，电器无法正常使用', '电线老化垂落，存在隐患'],
    violation: '供电问题',
  },
  'public_facilities.greenery': {
    subject: '园林绿化',
    issues: ['行道树枝叶遮挡路灯和视线', '绿化带被毁坏无人补种', '公园树木枯死未处理'],
    violation: '绿化管护不到位',
  },
  'public_facilities.public_toilet': {
    subject: '公共厕所',
    issues: ['公厕卫生差，气味难闻', '公厕夜间锁门无法使用', '公厕水龙头损坏'],
    violation: '公厕管理不到位',
  },
  'social_security.pension': {
    subject: '养老保险',
    issues: ['咨询养老保险待遇领取资格认证', '反映养老金未按时发放', '咨询断缴养老保险如何补缴'],
    violation: '养老保险',
    demands: ['希望得到答复', '要求核实处理'],
  },
  'social_security.medical_insurance': {
    subject: '医疗保险',
    issues: ['咨询城乡居民医保缴费事宜', '反映医保报销比例计算有误', '异地就医备案办理困难'],
    violation: '医疗保险',
    demands: ['希望得到答复', '要求核实处理'],
  },
  'social_security.subsistence': {
    subject: '最低生活保障',
    issues: ['家庭困难申请低保未获批准', '反映低保评定不公平', '咨询低保申请条件'],
    violation: '最低生活保障',
  },
  'social_security.elderly_care': {
    subject: '养老服务',
    issues: ['居家养老服务照料中心未正常开放', '老年食堂饭菜质量差', '希望增加老年人助餐点'],
    violation: '养老服务',
  },
  'social_security.disability': {
    subject: '残疾人帮扶',
    issues: ['残疾人两项补贴未到账', '咨询残疾证办理流程', '希望增设无障碍通道'],
    violation: '残疾人帮扶',
  },
  'work_safety.hazardous_chemicals': {
    subject: '危险化学品',
    party: '一家工厂',
    issues: ['{e}违规存放大量油漆稀释剂', '{e}在居民区储存危险化学品', '有人在民房内非法灌装液化气'],
    violation: '违规储存危险化学品',
  },
  'work_safety.gas': {
    subject: '燃气安全',
    party: '一家饭店',
    issues: ['{e}违规使用液化气钢瓶', '楼道内闻到燃气味', '{e}燃气管道老化未整改'],
    violation: '违规使用瓶装燃气',
  },
  'work_safety.construction_site': {
    subject: '建筑施工安全',
    party: '一处工地',
    issues: ['{e}高空作业工人未系安全带', '{e}脚手架搭设不规范', '{e}塔吊作业范围覆盖人行道'],
    violation: '施工现场安全防护措施不到位',
  },
  'work_safety.enterprise_hazard': {
    subject: '企业安全隐患',
    party: '一家工厂',
    issues: ['{e}冲床无防护装置', '{e}车间电线乱拉乱接', '{e}员工未经培训上岗操作'],
    violation: '未消除生产安全事故隐患',
  },
  'disputes.neighbour': {
    subject: '邻里纠纷',
    issues: ['与邻居因排水问题发生纠纷', '邻居在公共区域堆放杂物引发矛盾', '与邻居因采光问题多次争吵'],
    violation: '邻里纠纷',
    demands: ['希望村里协调解决', '请求调解'],
  },
  'disputes.family': {
    subject: '婚姻家庭纠纷',
    issues: ['家庭成员因赡养老人问题发生矛盾', '夫妻因财产问题发生纠纷', '兄弟之间因老宅分割发生争执'],
    violation: '婚姻家庭纠纷',
    demands: ['希望村里协调解决', '请求调解'],
  },
  'disputes.land': {
    subject: '土地山林纠纷',
    issues: ['与邻村因山林界线发生纠纷', '承包地被他人占用', '宅基地边界存在争议'],
    violation: '土地山林纠纷',
    demands: ['希望镇里协调处理', '要求确认权属'],
  },
  'disputes.requisition': {
    subject: '征地拆迁',
    issues: ['对征地补偿标准有异议', '拆迁安置房迟迟未分配', '反映征迁过程中房屋评估不公'],
    violation: '征地拆迁',
    demands: ['要求给予合理补偿', '希望尽快落实安置'],
  },
  'other.unclassified': {
    subject: '其他问题',
    issues: ['反映的问题需进一步核实', '来电内容较多，涉及多个事项', '反映情况不明确'],
    violation: '其他',
  },
  'other.general': {
    subject: '其他事项',
    issues: ['咨询办事流程', '反映村务公开不及时', '建议增设便民服务点'],
    violation: '其他',
    demands: ['希望得到答复', '请相关部门研究'],
  },
};
