/* The demo's words (private): places, phone prefixes, answers to the key
 * questions and the notes staff write, shared by the played demo (demo.c)
 * and the bulk generator (demo_bulk.c) so both speak alike. Included by
 * those two files only; each uses every table. */
#ifndef SHOWROOM_DEMO_WORDS_H
#define SHOWROOM_DEMO_WORDS_H

#include "showroom/card.h"

static const char *const demo_regions[] = {
	"东城区", "西城区", "南湖区", "北苑区", "高新区", "经开区", "临江县", "青山县",
	"城关镇", "滨海新区",
};
static const char *const demo_roads[] = {
	"人民路", "解放路", "建设路", "中山路", "和平路", "新华路", "胜利路", "文化路",
	"长江路", "黄河路", "光明街", "幸福里",
};
static const char *const demo_phone_prefixes[] = {
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180",
	"181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
};
static const char *const demo_answers[SR_ANS_COUNT][4] = {
	{"15万左右", "20-25万", "30万以内", "12万以内"},
	{"无车，首次购车", "2012款捷达", "2015款朗逸", "家里有一辆比亚迪F3"},
	{"上下班通勤，市区为主", "家用，周末郊游", "常跑高速，长途多", "商务接待"},
	{"对比速腾，要天窗", "对比卡罗拉，要自动挡", "对比CR-V，要四驱", "要倒车影像和导航"},
	{"全款", "贷款，首付三成", "分期三年", "公司付款"},
	{"贴膜、脚垫", "行车记录仪", "暂不需要", "导航升级"},
	{"国庆前", "春节前", "下个月", "两周内"},
};
static const char *const demo_phone_talk[] = {
	"电话回访，客户仍在对比车型", "电话邀约周末到店试驾", "客户询问最新优惠，已告知",
	"客户出差，约下周再联系", "介绍本月金融贷款方案", "客户要和家人商量，暂未决定",
	"确认客户意向车型及颜色", "客户表示近期没时间到店", "告知到店礼品活动",
	"客户询问置换补贴政策", "客户未接电话，稍后再拨", "回访网络线索，客户确认有购车意向",
};
static const char *const demo_wechat_talk[] = {
	"微信发送车型配置表和报价", "微信推送试驾活动信息", "客户微信咨询颜色和库存",
	"微信发送贷款月供测算",
};
static const char *const demo_sms_talk[] = {"短信提醒本周末店内活动", "短信发送节日问候及优惠信息"};
static const char *const demo_visit_talk[] = {
	"到店看车，介绍外观内饰和配置", "试乘试驾，客户对动力满意", "客户带家人再次到店，洽谈价格",
	"到店洽谈置换方案，评估旧车", "客户对比竞品后回店，重点讲解安全配置",
};
static const char *const demo_home_talk[] = {"上门拜访，送车型资料", "上门拜访客户单位，洽谈团购"};
static const char *const demo_order_talk[] = {"通知客户车辆在途", "与客户确认交车时间",
                                         "提醒客户准备购车资料"};
static const char *const demo_results[] = {"继续跟进", "考虑中", "报价已发", "意向提升", "待回复"};
static const char *const demo_loss_notes[5][3] = {
	{"已购买大众速腾", "已购本田思域", "已订丰田凯美瑞"},
	{"在邻市4S店购买，价格更低", "在其他经销商提车", "朋友介绍去了别家店"},
	{"家庭原因暂不购车", "资金不到位，放弃购车", "决定继续开旧车"},
	{"外地客户，当地上牌限制", "需在户籍地购车", "单位要求在本地采购"},
	{"多次电话无人接听", "号码已停机", "客户拒接电话"},
};
static const char *const demo_cancel_reasons[] = {"客户资金周转问题", "改订其他车型", "交车周期太长",
                                             "家人反对，退订"};
static const char *const demo_callback_results[] = {
	"交车满意，已讲解用车注意事项", "用车正常，客户满意", "客户对服务满意，愿意转介绍",
	"已提醒首保时间", "首保已预约", "客户反映车机偶尔卡顿，已转售后处理",
};

#endif
