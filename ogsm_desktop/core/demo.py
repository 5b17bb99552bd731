"""The demo plan: JD.com's new-energy-vehicle OGSM from the source article, cascaded to departments
and people, with ten months of actuals and two named versions whose difference is the article's own
re-plan (battery-swap stations late → service network moved onto existing partner stores)."""

from __future__ import annotations

from pathlib import Path

from .cascade import serving
from .model import Kind
from .storage import Plan
from .versions import save_version

YEAR = 2026
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 11)]      # January to October; November not yet due

# Monthly targets rising with the launch (试驾预约量, booked per month; November and December 22,000 and 22,500).
BOOKING_TARGETS = [15000, 16000, 17000, 18000, 19000, 20000, 20000, 20500, 21000, 21500, 22000, 22500]
# How each goal and measure adds up over periods: running totals take their last value, monthly levels
# (rates, scores, per-event figures) average; the rest (bookings per month) add up.
LAST = ("C-G1", "C-G2", "C-G3", "D1-G1", "D1-G2", "D1-G3", "D2-G1", "D2-G2", "D2-G3", "C-S2-M2", "C-S2-M3",
        "D1-S2-M1", "D2-S2-M1")
AVERAGE = ("C-S1-M1", "D1-S1-M1", "P1-G1", "P1-S1-M1", "C-S2-M1", "C-S3-M1", "C-S3-M2", "P2-G1", "P2-S1-M1",
           "D2-S3-M1", "D1-S3-M1", "D2-S1-M1")
AGGREGATION = {**dict.fromkeys(LAST, "last"), **dict.fromkeys(AVERAGE, "average"), "C-S1-M2": "sum"}

# A node: (kind, code, title, fields, children). Actuals: {code: [(period, actual, target), ...]}.
_F = dict


def _monthly(values, targets):
    return [(p, a, t) for p, a, t in zip(MONTHS, values, targets, strict=False) if a is not None]


def _cumulative_target(total):
    return [round(total * m / 12) for m in range(1, 11)]


PLAN = (
    Kind.OBJECTIVE, "C", "成为新能源汽车消费的第一入口",
    _F(owner="王磊", org_unit="京东汽车", description="以用户数据为杠杆，成为用户选车、购车、用车的数字中枢（京东 × 广汽 × 宁德时代“国民好车”）"),
    [
        (Kind.GOAL, "C-G1", "2026年通过京东平台完成10万辆新能源车销售",
         _F(owner="王磊", org_unit="京东汽车", unit="辆", baseline=0, target=100000, due_date="2026-12-31"), []),
        (Kind.GOAL, "C-G2", "用户复购率提升20%",
         _F(owner="王磊", org_unit="京东汽车", unit="%", baseline=0, target=20, due_date="2026-12-31"), []),
        (Kind.GOAL, "C-G3", "新能源车主转化为PLUS会员30万人",
         _F(owner="王磊", org_unit="京东汽车", unit="人", baseline=0, target=300000, due_date="2026-12-31"), []),
        (Kind.STRATEGY, "C-S1", "联合车企推出定制车型",
         _F(owner="李娜", org_unit="产品共创部", description="C2M：收集用户对配置、价格、续航的偏好，反向指导广汽优化埃安UT换电版"),
         [
             (Kind.MEASURE, "C-S1-M1", "线上试驾转化率",
              _F(owner="李娜", org_unit="产品共创部", unit="%", target=8, amber=7.5, red=6.5), []),
             (Kind.MEASURE, "C-S1-M2", "试驾预约量",
              _F(owner="李娜", org_unit="产品共创部", unit="次", target=sum(BOOKING_TARGETS), due_date="2026-12-31",
                 description="每月预约量，全年累加；若试驾预约量连续两期低于预期，提示优化营销策略"), []),
             (Kind.ACTION, "C-S1-A1", "与广汽共同定义埃安UT换电版配置与价格（入手价低于5万元）",
              _F(owner="李娜", org_unit="产品共创部", due_date="2026-03-31", status="done"), []),
             (Kind.ACTION, "C-S1-A2", "上线“定制共创”平台，开放用户投票",
              _F(owner="李娜", org_unit="产品共创部", due_date="2026-06-30", status="done"), []),
             (Kind.OBJECTIVE, "D1", "让用户需求直接定义定制车型",
              _F(owner="陈静", org_unit="用户洞察团队"),
              [
                  (Kind.GOAL, "D1-G1", "收集10万份用户需求数据",
                   _F(owner="陈静", org_unit="用户洞察团队", unit="份", baseline=0, target=100000, due_date="2026-10-31"), []),
                  (Kind.GOAL, "D1-G2", "形成3版用户需求模型并交付广汽",
                   _F(owner="陈静", org_unit="用户洞察团队", unit="版", baseline=0, target=3, due_date="2026-12-31"), []),
                  (Kind.GOAL, "D1-G3", "需求数据覆盖100个城市",
                   _F(owner="陈静", org_unit="用户洞察团队", unit="个", baseline=0, target=100, due_date="2026-12-31"), []),
                  (Kind.STRATEGY, "D1-S1", "在京东APP上线定制共创问卷与投票",
                   _F(owner="陈静", org_unit="用户洞察团队"),
                   [
                       (Kind.MEASURE, "D1-S1-M1", "问卷月回收量",
                        _F(owner="陈静", org_unit="用户洞察团队", unit="份/月", target=10000, amber=9000, red=8000), []),
                       (Kind.OBJECTIVE, "P1", "高质量完成用户需求调研",
                        _F(owner="陈静", org_unit="陈静（个人）"),
                        [
                            (Kind.GOAL, "P1-G1", "每月回收有效问卷1万份",
                             _F(owner="陈静", org_unit="陈静（个人）", unit="份", target=10000, due_date="2026-10-31"), []),
                            (Kind.STRATEGY, "P1-S1", "按城市分层投放问卷，覆盖三四线城市",
                             _F(owner="陈静", org_unit="陈静（个人）"),
                             [
                                 (Kind.MEASURE, "P1-S1-M1", "三四线城市问卷占比",
                                  _F(owner="陈静", org_unit="陈静（个人）", unit="%", target=40, amber=35, red=30), []),
                                 (Kind.ACTION, "P1-S1-A1", "每周复盘问卷质量并剔除无效样本",
                                  _F(owner="陈静", org_unit="陈静（个人）", due_date="2026-12-31", status="on_track"), []),
                             ]),
                        ]),
                   ]),
                  (Kind.STRATEGY, "D1-S2", "用平台数据建立需求模型，反向指导产品定义",
                   _F(owner="孙浩", org_unit="用户洞察团队"),
                   [
                       (Kind.MEASURE, "D1-S2-M1", "需求模型采纳的配置项数",
                        _F(owner="孙浩", org_unit="用户洞察团队", unit="项", target=12), []),
                       (Kind.ACTION, "D1-S2-A1", "向广汽交付第一版需求模型（长续航换电车）",
                        _F(owner="孙浩", org_unit="用户洞察团队", due_date="2026-05-31", status="done"), []),
                   ]),
                  (Kind.STRATEGY, "D1-S3", "借助京东养车门店收集线下试驾反馈",
                   _F(owner="孙浩", org_unit="用户洞察团队"),
                   [
                       (Kind.MEASURE, "D1-S3-M1", "门店试驾反馈份数",
                        _F(owner="孙浩", org_unit="用户洞察团队", unit="份/月", target=2000), []),
                       (Kind.ACTION, "D1-S3-A1", "在200家门店放置试驾反馈二维码",
                        _F(owner="孙浩", org_unit="用户洞察团队", due_date="2026-08-31", status="done"), []),
                   ]),
              ]),
         ]),
        (Kind.STRATEGY, "C-S2", "构建换电+保养服务闭环",
         _F(owner="张伟", org_unit="服务运营部",
            description="与宁德时代共建换电站网络，覆盖重点城市，并接入京东养车保养服务"),
         [
             (Kind.MEASURE, "C-S2-M1", "换电服务满意度",
              _F(owner="张伟", org_unit="服务运营部", unit="分", target=90, amber=88, red=82), []),
             (Kind.MEASURE, "C-S2-M2", "换电站建成数量",
              _F(owner="张伟", org_unit="服务运营部", unit="座", baseline=0, target=400, due_date="2026-12-31"), []),
             (Kind.ACTION, "C-S2-A1", "与宁德时代共建400座换电站",
              _F(owner="张伟", org_unit="服务运营部", due_date="2026-09-30", status="at_risk"), []),
             (Kind.ACTION, "C-S2-A2", "京东APP上线换电与保养预约",
              _F(owner="张伟", org_unit="服务运营部", due_date="2026-04-30", status="done"), []),
         ]),
        (Kind.STRATEGY, "C-S3", "线上线下一体化营销，打造“年轻人的第一辆换电车”",
         _F(owner="刘洋", org_unit="市场部"),
         [
             (Kind.MEASURE, "C-S3-M1", "线上发布会观看人数",
              _F(owner="刘洋", org_unit="市场部", unit="万人", target=50, amber=45, red=40), []),
             (Kind.MEASURE, "C-S3-M2", "单车获客成本",
              _F(owner="刘洋", org_unit="市场部", unit="元", target=800, amber=850, red=950, direction="lower"), []),
             (Kind.OBJECTIVE, "D2", "让更多年轻用户在京东了解并选择新能源车",
              _F(owner="赵敏", org_unit="市场团队"),
              [
                  (Kind.GOAL, "D2-G1", "全年策划10场线上发布会",
                   _F(owner="赵敏", org_unit="市场团队", unit="场", baseline=0, target=10, due_date="2026-12-31"), []),
                  (Kind.GOAL, "D2-G2", "发布会累计观看500万人次",
                   _F(owner="赵敏", org_unit="市场团队", unit="万人次", baseline=0, target=500, due_date="2026-12-31"), []),
                  (Kind.GOAL, "D2-G3", "发布会带来试驾预约3万人次",
                   _F(owner="赵敏", org_unit="市场团队", unit="人次", baseline=0, target=30000, due_date="2026-12-31"), []),
                  (Kind.STRATEGY, "D2-S1", "直播+短视频种草，联动广汽与宁德时代",
                   _F(owner="赵敏", org_unit="市场团队"),
                   [
                       (Kind.MEASURE, "D2-S1-M1", "直播间预约试驾人数",
                        _F(owner="赵敏", org_unit="市场团队", unit="人", target=6000, amber=5500, red=5000), []),
                       (Kind.OBJECTIVE, "P2", "办好每一场线上发布会",
                        _F(owner="赵敏", org_unit="赵敏（个人）"),
                        [
                            (Kind.GOAL, "P2-G1", "每场发布会观看不少于50万人次",
                             _F(owner="赵敏", org_unit="赵敏（个人）", unit="万人次", target=50, due_date="2026-12-31"), []),
                            (Kind.STRATEGY, "P2-S1", "邀请车主与工程师同台直播",
                             _F(owner="赵敏", org_unit="赵敏（个人）"),
                             [
                                 (Kind.MEASURE, "P2-S1-M1", "直播互动率",
                                  _F(owner="赵敏", org_unit="赵敏（个人）", unit="%", target=12, amber=10, red=8), []),
                                 (Kind.ACTION, "P2-S1-A1", "每场发布会前两周确定嘉宾与脚本",
                                  _F(owner="赵敏", org_unit="赵敏（个人）", due_date="2026-12-31", status="on_track"), []),
                             ]),
                        ]),
                   ]),
                  (Kind.STRATEGY, "D2-S2", "在三四线城市开展线下试驾巡展",
                   _F(owner="周强", org_unit="市场团队"),
                   [
                       (Kind.MEASURE, "D2-S2-M1", "巡展试驾人次",
                        _F(owner="周强", org_unit="市场团队", unit="人次", target=3000), []),
                       (Kind.ACTION, "D2-S2-A1", "与京东养车门店联合举办周末试驾",
                        _F(owner="周强", org_unit="市场团队", due_date="2026-11-30", status="on_track"), []),
                   ]),
                  (Kind.STRATEGY, "D2-S3", "与汽车KOL合作制作换电科普短视频",
                   _F(owner="周强", org_unit="市场团队"),
                   [
                       (Kind.MEASURE, "D2-S3-M1", "短视频播放量",
                        _F(owner="周强", org_unit="市场团队", unit="万次/月", target=300, amber=270, red=240), []),
                       (Kind.ACTION, "D2-S3-A1", "每月发布8条换电科普短视频",
                        _F(owner="周强", org_unit="市场团队", due_date="2026-12-31", status="on_track"), []),
                   ]),
              ]),
         ]),
    ],
)

SALES = [2400, 5600, 10100, 16200, 23800, 32500, 43400, 55900, 75600, 84200]   # cumulative, C-G1
ACTUALS: dict[str, list[tuple[str, float, float | None]]] = {
    "C-G1": _monthly(SALES, _cumulative_target(100000)),
    "C-G2": _monthly([1.4, 3.0, 4.6, 6.2, 7.8, 9.5, 11.0, 12.6, 15.2, 17.1], _cumulative_target(20)),
    "C-G3": _monthly([9000, 22000, 41000, 63000, 88000, 113000, 139000, 176000, 226000, 252000],
                     _cumulative_target(300000)),
    "C-S1-M1": _monthly([6.1, 6.8, 7.2, 7.6, 8.0, 8.3, 8.1, 8.4, 8.6, 8.9], [8] * 10),
    # Slipping: below target two periods in a row (September and October).
    "C-S1-M2": _monthly([12000, 14500, 17800, 19600, 21000, 22400, 21300, 20500, 18200, 17600], BOOKING_TARGETS),
    "C-S2-M1": _monthly([91, 90, 89, 88, 88, 87, 86, 86, 90, 91], [90] * 10),
    # Built stations against the year's ramp (400 planned; the re-plan lowers it to 200).
    "C-S2-M2": _monthly([10, 25, 45, 70, 95, 120, 140, 160, 180, 195],
                        [round(400 * m / 12) for m in range(1, 9)] + [150, 167]),
    "C-S3-M1": _monthly([30, 38, 42, 55, 61, 48, 52, 57, 60, 58], [50] * 10),
    "C-S3-M2": _monthly([1150, 1020, 960, 900, 860, 820, 805, 790, 780, 770], [800] * 10),
    "D1-G1": _monthly([4000, 12000, 23000, 35000, 48000, 60000, 71000, 82000, 92000, 101000],
                      [round(100000 * m / 10) for m in range(1, 11)]),
    "D1-S1-M1": _monthly([4000, 8000, 11000, 12000, 13000, 12000, 11000, 11000, 10000, 9000], [10000] * 10),
    "P1-S1-M1": _monthly([22, 25, 28, 31, 33, 36, 38, 40, 41, 42], [40] * 10),
    "D1-G2": _monthly([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]),
    "P1-G1": _monthly([4000, 8000, 11000, 12000, 13000, 12000, 11000, 11000, 10000, 9000], [10000] * 10),
    "D2-G2": _monthly([30, 68, 110, 165, 226, 274, 326, 383, 443, 501], [round(500 * m / 12) for m in range(1, 11)]),
    "P2-G1": _monthly([30, 38, 42, 55, 61, 48, 52, 57, 60, 58], [50] * 10),
    "D1-S2-M1": _monthly([0, 0, 1, 2, 4, 5, 7, 8, 10, 11], [12] * 10),
    "D2-S2-M1": _monthly([None, None, None, None, 800, 1500, 2100, 2600, 2900, 3200], [3000] * 10),
    "D1-G3": _monthly([12, 20, 31, 43, 55, 64, 72, 80, 87, 93], [round(100 * m / 12) for m in range(1, 11)]),
    "D1-S3-M1": _monthly([None, None, None, None, None, None, None, 900, 1700, 2300], [2000] * 10),
    "D2-G3": _monthly([1500, 3400, 5600, 8200, 10900, 13200, 15800, 20400, 23000, 25600],
                      [round(30000 * m / 12) for m in range(1, 11)]),
    "D2-S3-M1": _monthly([120, 180, 220, 260, 310, 290, 320, 335, 350, 362], [300] * 10),
    "D2-G1": _monthly([1, 1, 2, 3, 4, 5, 6, 7, 8, 9], [round(10 * m / 12, 1) for m in range(1, 11)]),
    "D2-S1-M1": _monthly([3800, 4500, 5200, 5900, 6400, 6100, 6600, 6900, 7100, 7300], [6000] * 10),
    "P2-S1-M1": _monthly([9.5, 10.2, 11.0, 12.4, 12.9, 13.1, 12.2, 12.8, 13.5, 13.0], [12] * 10),
}

CREATE_REASON = "演示计划：京东 × 广汽 × 宁德时代“国民好车”的OGSM（来源文章示例）"
V1 = ("2026年度计划", "年初批准的年度OGSM基线")
REPLAN_REASON = (
    "宁德时代换电站建设进度滞后（截至9月仅建成180座，计划300座），"
    "服务网络改为优先与现有合作门店合作"
)
V2 = ("服务网络调整", REPLAN_REASON)


def _add(plan: Plan, parent_id: int | None, spec) -> None:
    kind, code, title, fields, children = spec
    if code in AGGREGATION:
        fields = {**fields, "aggregation": AGGREGATION[code]}
    node = plan.nodes.add(parent_id, kind, code=code, title=title, **fields)
    for child in children:
        _add(plan, node.id, child)


def _import_actuals(plan: Plan, months: set[str], reason: str, targets=()) -> None:
    with plan.batch("import", reason):
        rows = [(plan.nodes.by_code(code).id, period, None, target, "") for code, period, target in targets]
        for code, values in ACTUALS.items():
            node_id = plan.nodes.by_code(code).id
            rows += [(node_id, p, a, t, "") for p, a, t in values if p in months]
        plan.actuals.write(rows)


def _replan(plan: Plan) -> None:
    """The article's re-plan: battery-swap stations late, so the service network moves onto partner stores."""
    with plan.batch("edit", REPLAN_REASON):
        s2 = plan.nodes.by_code("C-S2")
        plan.nodes.update(s2.id, description=(
            "依托京东养车近3000家自营门店和4万家合作门店，优先改造现有门店提供换电+保养服务；"
            "换电站按宁德时代实际建设进度接入"))
        plan.nodes.update(plan.nodes.by_code("C-S2-M2").id, target=200)
        plan.nodes.update(plan.nodes.by_code("C-S2-A1").id, title="按宁德时代实际进度接入已建成换电站（200座）",
                         due_date="2026-12-31")
        plan.nodes.add(s2.id, Kind.MEASURE, index=2, code="C-S2-M3", title="可提供换电+保养的合作门店数",
                       owner="张伟", org_unit="服务运营部", unit="家", baseline=0, target=1000,
                       due_date="2026-12-31", aggregation="last")
        plan.nodes.add(s2.id, Kind.ACTION, code="C-S2-A3", title="改造1000家合作门店，提供换电+保养一站式服务",
                      owner="张伟", org_unit="服务运营部", due_date="2026-12-31", status="on_track")


def build(plan: Plan) -> None:
    """Fill an empty plan with the demo cascade, its actuals and its two versions."""
    with plan.batch("create", CREATE_REASON):
        plan.meta.set("name", "京东新能源汽车 OGSM 2026")
        plan.meta.set("calendar_start", f"{YEAR}-01")
        plan.meta.set("calendar_end", f"{YEAR}-12")
        _add(plan, None, PLAN)
        # 发布会累计观看 (marketing team) serves the company's 线上发布会观看人数.
        plan.nodes.update(plan.nodes.by_code("D2-G2").id, **serving(plan.nodes.by_code("C-S3-M1")))
    _import_actuals(plan, set(MONTHS[:9]), "演示数据：2026年1–9月实际值")
    save_version(plan, *V1)
    _replan(plan)
    save_version(plan, *V2)
    # The new partner-store measure gets its first monthly target (October); its actual is still missing.
    _import_actuals(plan, {MONTHS[9]}, "演示数据：2026年10月实际值", targets=[("C-S2-M3", MONTHS[9], 300)])


def write(path: str | Path, *, overwrite: bool = False) -> Path:
    """Write the demo plan to ``path``: built beside it and moved into place whole (``overwrite``: replacing
    the plan there, whose lock is taken first)."""
    path = Path(path)
    Plan.create(path, overwrite=overwrite, fill=build).close()
    return path
