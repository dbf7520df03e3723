-- Reference data every store starts with; administrators change it later.

INSERT INTO followup_levels(code, name, min_days, max_days) VALUES
    ('1', '每日跟进',   1, 1),
    ('2', '三日内跟进', 1, 3),
    ('3', '每周跟进',   1, 7),
    ('4', '半月跟进',   1, 15),
    ('5', '每月跟进',   1, 30),
    ('6', '季度跟进',   1, 90);

INSERT INTO intent_levels(code, rank, name, default_followup_level) VALUES
    ('O', 0, '订单', '3'),
    ('H', 1, '15日内购买，七问齐全', '2'),
    ('A', 2, '15日内购买', '2'),
    ('B', 3, '一个月内购买', '3'),
    ('C', 4, '三个月内购买', '4'),
    ('N', 5, '意向不明', '5');

INSERT INTO sources(code, name) VALUES
    ('autohome', '汽车之家'),
    ('bitauto',  '易车网'),
    ('pcauto',   '太平洋汽车网'),
    ('netease',  '网易汽车'),
    ('cheshi',   '网上车市'),
    ('weibo',    '新浪微博'),
    ('forum',    '论坛'),
    ('video',    '网络视频'),
    ('groupbuy', '团购网站'),
    ('qq',       'QQ群'),
    ('referral', '转介绍'),
    ('repurchase', '续购'),
    ('passing',  '路过'),
    ('hotline',  '销售热线'),
    ('event',    '车展及外拓活动');

INSERT INTO models(code, brand, series, model, config) VALUES
    ('excelle',   '别克', '英朗',   '英朗 1.5L', '精英型'),
    ('verano',    '别克', '威朗',   '威朗 Pro 1.5T', '豪华型'),
    ('regal',     '别克', '君威',   '君威 2.0T', '精英型'),
    ('lacrosse',  '别克', '君越',   '君越 2.0T', '豪华型'),
    ('envision',  '别克', '昂科威', '昂科威 Plus 2.0T', '两驱精英型'),
    ('encore',    '别克', '昂科拉', '昂科拉 GX 1.3T', '豪华型'),
    ('gl8',       '别克', 'GL8',    'GL8 陆上公务舱 2.0T', '旗舰型'),
    ('octavia',   '斯柯达', '明锐', '明锐 1.5L', '舒适版'),
    ('superb',    '斯柯达', '速派', '速派 TSI330', '豪华版'),
    ('kodiaq',    '斯柯达', '柯迪亚克', '柯迪亚克 TSI330', '两驱豪华版'),
    ('karoq',     '斯柯达', '柯珞克', '柯珞克 TSI280', '舒适版'),
    ('kamiq',     '斯柯达', '柯米克', '柯米克 1.5L', '标准版');

-- Post-sale callback offsets in days after delivery; the last is around the
-- first service.
INSERT INTO settings(key, value) VALUES
    ('callback_offsets', '0,3,7,15,60'),
    ('wholesale_owner', '');

-- The built-in administrator: root with no mapping acts as this user.
INSERT INTO users(login, name, role, team, created_at)
    VALUES ('admin', '管理员', 'admin', 'showroom', strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'));
