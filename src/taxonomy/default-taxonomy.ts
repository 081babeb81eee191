/**
 * The default taxonomy of town governance matters (事项分类), loaded into an empty database as version 1. Names
 * follow what town offices, the comprehensive enforcement teams and the 12345 hotline use; codes are the parent's code
 * plus one snake_case word. Towns edit their copy through the API; this file is only the starting point.
 */
export interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  children?: DefaultCategory[];
}

/** The leaf intake files a record under when its source category maps to nothing known. Never retired. */
export const UNCLASSIFIED_CODE = 'other.unclassified';

type Entry = [code: string, name: string, nameEn: string, children?: DefaultCategory[]];

function area(code: string, name: string, nameEn: string, children: Entry[]): DefaultCategory {
  return {
    code,
    name,
    nameEn,
    children: children.map(([c, n, e, sub]) => ({ code: `${code}.${c}`, name: n, nameEn: e, children: sub })),
  };
}

function items(parent: string, entries: [code: string, name: string, nameEn: string][]): DefaultCategory[] {
  return entries.map(([code, name, nameEn]) => ({ code: `${parent}.${code}`, name, nameEn }));
}

export const defaultTaxonomy: readonly DefaultCategory[] = [
  area('market_order', '市场秩序', 'Market order', [
    ['unlicensed_business', '无证无照经营', 'Unlicensed business'],
    ['price', '价格违法', 'Price violations'],
    ['counterfeit', '假冒伪劣商品', 'Counterfeit and substandard goods'],
    ['consumer_dispute', '消费纠纷', 'Consumer disputes'],
    ['false_advertising', '虚假宣传', 'False advertising'],
    ['short_weight', '短斤缺两', 'Short weight and measure'],
    ['pyramid_selling', '传销', 'Pyramid selling'],
  ]),
  area('city_appearance', '市容环境', 'City appearance', [
    ['street_stall', '占道经营', 'Street stalls occupying the road'],
    ['shopfront', '出店经营', 'Trading outside the shopfront'],
    ['outdoor_ads', '户外广告招牌', 'Outdoor advertising and signboards'],
    ['illegal_posting', '乱张贴乱涂写', 'Illegal posters and graffiti'],
    ['clutter', '乱堆乱放', 'Dumping and clutter'],
    ['household_waste', '生活垃圾清运', 'Household waste collection'],
    ['construction_waste', '建筑垃圾乱倒', 'Construction waste dumping'],
  ]),
  area('illegal_construction', '违法建设', 'Illegal construction', [
    ['new_building', '违法新建建筑', 'Unauthorised new buildings'],
    ['extension', '违法搭建', 'Unauthorised extensions and sheds'],
    ['structure_change', '擅自改变房屋结构', 'Unauthorised structural alterations'],
    ['land_use', '违法用地', 'Illegal land use'],
  ]),
  area('labour', '劳动保障', 'Labour protection', [
    [
      'enterprise_dispute',
      '涉企劳工纠纷',
      'Enterprise labour disputes',
      items('labour.enterprise_dispute', [
        ['wage_arrears', '欠薪', 'Wage arrears'],
        ['contract', '劳动合同纠纷', 'Labour contract disputes'],
        ['social_insurance', '社保缴纳纠纷', 'Social insurance contribution disputes'],
        ['work_injury', '工伤纠纷', 'Work injury disputes'],
        ['other', '其他劳资纠纷', 'Other labour disputes'],
      ]),
    ],
    ['illegal_employment', '违法用工', 'Illegal employment'],
    ['employment_service', '就业服务', 'Employment services'],
  ]),
  area('food_safety', '食品安全', 'Food safety', [
    ['catering', '餐饮卫生', 'Catering hygiene'],
    ['unlicensed_food', '无证食品经营', 'Unlicensed food businesses'],
    ['expired_food', '过期变质食品', 'Expired or spoiled food'],
    ['school_food', '校园食品安全', 'School food safety'],
  ]),
  area('fire_safety', '消防安全', 'Fire safety', [
    ['blocked_fire_lane', '消防通道堵塞', 'Blocked fire lanes and exits'],
    ['ebike_charging', '电动自行车违规充电', 'Unsafe e-bike charging'],
    ['three_in_one', '“三合一”场所', 'Combined living, working and storage premises'],
    ['fire_equipment', '消防设施损坏', 'Damaged fire equipment'],
  ]),
  area('environment', '生态环境', 'Environment and pollution', [
    ['air', '大气污染', 'Air pollution'],
    ['water', '水污染', 'Water pollution'],
    ['solid_waste', '固体废物污染', 'Solid waste pollution'],
    ['odour', '异味扰民', 'Odour nuisance'],
    ['open_burning', '露天焚烧', 'Open burning'],
    ['livestock', '畜禽养殖污染', 'Livestock farming pollution'],
  ]),
  area('noise', '噪声扰民', 'Noise nuisance', [
    ['construction', '建筑施工噪声', 'Construction noise'],
    ['commercial', '商业经营噪声', 'Commercial noise'],
    ['industrial', '工业噪声', 'Industrial noise'],
    ['neighbourhood', '社会生活噪声', 'Neighbourhood noise'],
    ['traffic', '交通噪声', 'Traffic noise'],
  ]),
  area('traffic', '交通与停车', 'Traffic and parking', [
    ['illegal_parking', '违章停车', 'Illegal parking'],
    ['non_motor_parking', '非机动车乱停放', 'Disorderly bicycle and scooter parking'],
    ['congestion', '交通拥堵', 'Traffic congestion'],
    ['signals', '交通信号与标志标线', 'Traffic lights, signs and markings'],
    ['public_transport', '公交出行', 'Public transport'],
    ['parking_fee', '停车收费', 'Parking fees'],
  ]),
  area('housing', '住房与物业', 'Housing and property management', [
    ['property_service', '物业服务', 'Property management services'],
    ['property_fee', '物业收费', 'Property management fees'],
    ['rental', '房屋租赁', 'Rental housing'],
    ['unsafe_building', '危房', 'Unsafe buildings'],
    ['lift', '电梯安全', 'Lift safety'],
  ]),
  area('public_facilities', '公共设施', 'Public facilities', [
    ['road', '道路桥梁破损', 'Damaged roads and bridges'],
    ['street_light', '路灯照明', 'Street lighting'],
    ['manhole', '井盖缺失破损', 'Missing or broken manhole covers'],
    ['drainage', '排水与内涝', 'Drainage and waterlogging'],
    ['water_supply', '供水', 'Water supply'],
    ['power_supply', '供电', 'Power supply'],
    ['greenery', '园林绿化', 'Parks and greenery'],
    ['public_toilet', '公共厕所', 'Public toilets'],
  ]),
  area('social_security', '社会保障', 'Social security', [
    ['pension', '养老保险', 'Pension insurance'],
    ['medical_insurance', '医疗保险', 'Medical insurance'],
    ['subsistence', '最低生活保障', 'Minimum living allowance'],
    ['elderly_care', '养老服务', 'Elderly care services'],
    ['disability', '残疾人帮扶', 'Disability assistance'],
  ]),
  area('work_safety', '安全生产', 'Work safety', [
    ['hazardous_chemicals', '危险化学品', 'Hazardous chemicals'],
    ['gas', '燃气安全', 'Gas safety'],
    ['construction_site', '建筑施工安全', 'Construction site safety'],
    ['enterprise_hazard', '企业安全隐患', 'Workplace hazards in enterprises'],
  ]),
  area('disputes', '矛盾纠纷', 'Disputes', [
    ['neighbour', '邻里纠纷', 'Neighbour disputes'],
    ['family', '婚姻家庭纠纷', 'Marriage and family disputes'],
    ['land', '土地山林纠纷', 'Land and forest disputes'],
    ['requisition', '征地拆迁', 'Land requisition and demolition'],
  ]),
  area('other', '其他', 'Other', [
    ['unclassified', '未分类', 'Unclassified'],
    ['general', '其他事项', 'Other matters'],
  ]),
];
