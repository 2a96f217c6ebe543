"""The words the rules read: verbs of saying, roles, and the words names are not made of.

Lists of general English and Chinese news usage, not of any one article: a word belongs
here when it would be read the same way in any report of who said what.
"""


def words(text):
    """The set of the space-separated words of `text`."""
    return frozenset(text.split())


# Verbs that introduce or follow a direct quote ("...," she said / he asked the panel:).
QUOTE_VERBS = words(
    "said says say told tells added adds noted notes stressed stresses explained explains "
    "warned warns argued argues insisted insists stated states announced announces claimed "
    "claims acknowledged acknowledges admitted admits emphasized emphasizes emphasised "
    "emphasises remarked remarks observed observes cautioned cautions conceded concedes "
    "recalled recalls replied replies asked asks wrote writes continued continues concluded "
    "concludes confirmed confirms declared declares commented comments countered counters "
    "joked jokes quipped quips complained complains promised promises vowed vows assured "
    "assures reiterated reiterates predicted predicts answered answers responded responds "
    "agreed agrees suggested suggests urged urges maintained maintains"
)
# Verbs whose object is what was said ("X said that ...", "X pointed out that ...").
REPORT_VERBS = QUOTE_VERBS - words("asked asks replied replies answered answers")
# Past forms that report a statement without "that": "Keller said the plant would ...".
BARE_REPORT_VERBS = words("said says added adds")
# Two-word verbs, matched as one.
PHRASAL_VERBS = ("pointed out", "points out", "went on", "goes on")

PRONOUNS = words("he she they He She They")
HONORIFICS = words("Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Sir Dame Madam")
# People by what they do. Plural forms say the speaker is a group (unnamed).
ROLES = words(
    "president vice-president chairman chairwoman chair chairperson director executive "
    "officer ceo cfo coo cto founder co-founder cofounder head chief manager minister "
    "secretary secretary-general deputy spokesperson spokesman spokeswoman spokesmen "
    "analyst analysts economist economists researcher researchers scientist scientists "
    "professor engineer engineers official officials expert experts mayor governor "
    "lawmaker ambassador commissioner adviser advisor consultant representative delegate "
    "delegates owner designer dean lecturer author editor leader leaders partner principal "
    "strategist trader traders banker bankers investor investors worker workers farmer "
    "farmers employee employees member members panellist panelist moderator organizer "
    "organiser organizers organisers curator teacher doctor lawyer judge inspector "
    "superintendent administrator coordinator supervisor vice deputy-mayor premier "
    "governor-general councillor councilor senator chancellor treasurer fellow student "
    "resident residents source sources person people insider insiders observer observers "
    "executives managers directors officers founders"
)


def is_role(word):
    """Whether a (lower-case, bare) word names a role; compounds count by their parts:
    "vice-minister", "secretary-general", "co-founder"."""
    return word in ROLES or ("-" in word and any(part in ROLES for part in word.split("-")))


GROUP_WORDS = words(
    "analysts economists researchers scientists officials experts delegates traders bankers "
    "investors workers farmers employees members organizers organisers residents sources "
    "people insiders observers executives managers directors officers founders engineers "
    "associations groups unions companies firms authorities leaders spokesmen"
)
# Words that make a capitalized run an organization or a place, not a person.
ORGANIZATION_WORDS = words(
    "association federation ministry department council commission committee bureau agency "
    "authority authorities office administration group company companies corporation corp "
    "inc ltd co llc plc bank university college institute institution school academy "
    "centre center foundation society union federation league board motors automotive "
    "holdings industries industry energy capital securities partners research network "
    "networks systems technologies technology labs lab laboratory hospital museum park "
    "port ports airlines airline airways trust fund forum summit conference congress "
    "parliament government state city district province county republic kingdom "
    "daily times news post press agency magazine journal television radio"
)
# Sentence-initial words that are capitalized without being names.
FUNCTION_WORDS = words(
    "The A An And But Or So Yet When While After Before Since As At In On Of For From With "
    "By To Its It His Her Their Our My This That These Those There Here Then Now Today "
    "Yesterday Also Still Even However Meanwhile Speaking Asked According Opening Closing "
    "Presenting Addressing Earlier Later Last Next One Two Three Some Many Most Several "
    "Both All Each Every Other Another Such No Not If Although Though Because Like Unlike "
    "Notably Separately Instead Overall Besides Moreover Mr Mrs Ms Dr Prof"
)
NAME_PARTICLES = words("de da di del della der den van von le la du dos das bin al el ter")
# What joins a title to its organization: "chief engineer of the ...", "analyst at ...".
CONNECTORS = ("of", "at", "with", "for", "from")

# Chinese: verbs of saying, and the title words a name follows (中国汽车工业协会副总工程师许海东).
ZH_VERBS = (
    "表示", "指出", "强调", "強調", "介绍", "介紹", "透露", "认为", "認為", "坦言", "提到",
    "说道", "說道", "直言", "补充", "補充", "解释", "解釋", "回应", "回應", "谈到", "談到",
    "告诉记者", "告訴記者", "说", "說", "称", "稱", "指",
)  # fmt: skip
ZH_TITLES = (
    "副总工程师", "副總工程師", "总工程师", "總工程師", "副秘书长", "副秘書長", "秘书长",
    "秘書長", "副董事长", "副董事長", "董事长", "董事長", "副总经理", "副總經理", "总经理",
    "總經理", "副总裁", "副總裁", "总裁", "總裁", "副会长", "副會長", "会长", "會長",
    "副主席", "主席", "副主任", "主任", "副院长", "副院長", "院长", "院長", "副所长",
    "副所長", "所长", "所長", "副局长", "副局長", "局长", "局長", "副部长", "副部長",
    "部长", "部長", "副市长", "副市長", "市长", "市長", "副区长", "副區長", "区长", "區長",
    "首席经济学家", "首席經濟學家", "经济学家", "經濟學家", "研究员", "研究員", "教授",
    "工程师", "工程師", "负责人", "負責人", "主管", "经理", "經理", "创始人", "創辦人",
    "分析师", "分析師", "总监", "總監", "书记", "書記", "理事长", "理事長", "博士", "校长",
    "校長", "院士", "专家", "專家", "代表", "发言人", "發言人",
)  # fmt: skip
ZH_PRONOUNS = ("他们", "她们", "他們", "她們", "他", "她")
# Someone unnamed: 一位…负责人, 有…人士, 某…
ZH_UNNAMED_START = ("一位", "一名", "一些", "有", "某", "多位", "多名", "部分", "业内", "業內")
ZH_UNNAMED_END = (
    "人士",
    "人员",
    "人員",
    "代表",
    "负责人",
    "負責人",
    "官员",
    "官員",
    "专家",
    "專家",
)
# The common surnames, in both scripts, less those that are everyday words too (和, 万, 于).
ZH_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹"
    "彭曾肖萧蕭田董袁潘蒋蔣蔡杜叶葉程苏蘇魏吕呂丁沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方"
    "白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵钱錢严嚴覃武戴莫孔汤湯温溫康施牛樊"
    "葛邢齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿兰蘭焦俞左柳祝宁寧尚符舒阮柯纪紀梅童"
    "凌毕畢季裴霍涂苗谷盛曲翁冉骆駱蓝藍游辛靳柴蒙鲍鮑华華喻祁蒲滕屈饶饒牟艾尤阳陽穆卓缪繆简簡芦蘆"
    "麦麥褚娄婁窦竇戚岑宫宮费費卜晏卫衛柏瞿桂佟臧闵閔苟邬鄔卞姬仇栾欒隋刁沙荣榮巫寇桑郎甄丛叢仲虞"
    "敖巩鞏佘查苑迟遲邝鄺"
)
