// Reads the learner's request before any model is called: asking for the open question's
// answer, trying to extract the system prompt or keys, or asking for something off-topic.
// These are decided here, in code, so no prompt injection can talk the model out of them.

const ANSWER_REQUEST: RegExp[] = [
  /\b(answer|solution|correct (one|option|choice|letter)|right (one|option|choice|letter))\b/i,
  /\bwhich (one|option|choice|letter)\b/i,
  /\b(what|which) (letter|number|option|choice) (is|should)\b/i,
  /\b(the|what'?s the|give me the|tell me the) letter\b/i,
  /\bcheck (my|this|the) (answer|choice|guess)\b/i,
  /\b(is it|would it be|it'?s|should i (pick|choose|select|answer|go with)|can i (pick|choose))\s*\(?[A-J1-9]\)?\s*[?？!.]?\s*$/i,
  /\b(is|was) ([A-J]|option [A-J1-9]|choice [A-J1-9]) (right|correct|wrong)\b/i,
  /\bam i (right|correct|wrong)\b/i,
  /\b(true or false|is (it|this|the statement) (true|false))\b/i,
  /\b(just|simply) tell me\b/i,
  /\bwhat should i (answer|pick|choose|type|put)\b/i,
  /\b(pretend|act as|role-?play|you are now|imagine you are)\b.*\b(answer|grader|teacher|examiner|key)\b/i,
  /\banswer key\b/i,
  // "How many …?" and proposed numbers are left to guess-shape.ts (the question's own dimension).
  // "Can you confirm B?", "verify my answer", "double-check that it's C".
  /\b(confirm|verify|double-?check|validate)\b[^?.!]{0,20}(\b(answer|choice|guess|pick|option|letter|number|result)\b|(^|[\s(])[A-J](?=$|[\s).,?!]))/,
  /\b(confirm|verify|double-?check|validate) (that )?(it'?s |it is |the answer is )?\(?[A-J1-9]\)?\s*[?？!.]?\s*$/i,
  // "Is the second one right?", "is the first option correct", "the last one?"
  /\b(is|was|are|would|should|could) (it )?(the )?(first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th) (one|option|choice|answer|statement|item)\b/i,
  /\b(is|was) it the (first|second|third|fourth|fifth|sixth|last)\s*[?？]/i,
  /\b(first|second|third|fourth|fifth|last) (one|option|choice)\s*[?？]\s*$/i,
  // A bare label as the whole message: "B?", "(C)", "2?".
  /^\s*[(（]?\s*([A-Ja-j]|[1-9])\s*[)）]?\s*[?？!.。]*\s*$/,
  /^\s*(option|choice) [A-J1-9]\s*[?？]?\s*$/i,
  // "is it true?", "is that false", "true?", "right?" said about the question.
  /\b(is|was) (it|this|that|the (statement|claim|sentence)) (really )?(true|false|correct|right|wrong|incorrect)\b/i,
  /^\s*(true|false|correct|right|wrong)\s*[?？]\s*$/i,
  /答案|正确选项|正确答案|选哪(个|一个|项)?|怎么选|如何选|咋选|选(第)?[一二三四五六1-6](个|项)?(吗|对|呢)|第[一二三四五六1-6](个|项)(选项)?(对|是对|正确|是不是|吗|呢)|(^|[^A-Za-z])[A-J]\s*(对|是对|正确|错|是错)(吗|不对|的吗|呢)?\s*[?？]|是不是\s*[A-J](?![A-Za-z])|(^|[^A-Za-z])[A-J]\s*吗|确认一下|帮我(确认|核对|检查|看看)(一下)?(答案|我的|选)|这(句话|个说法)(对|是对|正确|是真|是假)|是真的吗|是假的吗|哪个选项|哪一项|哪个对|哪个是对的|选什么|应该选|该选|帮我(选|做|答)|告诉我(选|答)|对不对|对吗|是不是对的|我(答|选)的?对|字母是|哪个字母|正确的是|是对还是错|判断.*(对|错)|标准答案|参考答案/,
];

const SECRETS: RegExp[] = [
  /\b(system|hidden|initial|original|developer) (prompt|message|instructions?)\b/i,
  /\b(ignore|disregard|forget) (all |any |the |your )?(previous|prior|above|earlier)? ?(instructions?|rules|prompt)\b/i,
  /\b(reveal|show|print|repeat|output|leak|what (is|are)|tell me) (me )?(your (instructions?|rules|prompt|configuration|config|settings)|the (instructions?|prompt) (you|above))\b/i,
  /\b(openai|anthropic|azure|slack|discord|bot|secret|private|signing|app)[ _-]+(api[ _-]?)?(key|token|secret)s?\b/i,
  /\byour (api[ _-]?)?(keys?|secrets?|credentials?|passwords?)\b/i,
  // "Repeat everything above this message verbatim", "print the text before this line".
  /\b(repeat|print|output|copy|echo|show|recite|dump|write out|reproduce|paste|type out)\b.{0,40}\b(everything|all|text|words|content|messages?|instructions|lines)\b.{0,30}\b(above|before|earlier|preceding|prior|so far|verbatim|word for word)\b/i,
  /\b(above|before) (this|my) (message|line|point|text)\b.{0,30}\b(verbatim|word for word|exactly)\b|\b(verbatim|word for word)\b.{0,30}\b(above|before|preceding|everything|instructions)\b/i,
  /\b(api[ _-]?key|secret key|(access|bot|auth|api|slack|discord) token|password|credentials?|env(ironment)? var(iable)?s?|openai_api_key)\b/i,
  /(上面|以上|之前|前面|上文|前文|这条消息之前)的?(所有|全部)?(内容|文字|文本|话|消息|指令|信息|东西).{0,10}(原样|原封不动|逐字|一字不差|完整|全部)?(地)?(输出|重复|打印|复述|显示|发出来|写出来|贴出来)|(原样|原封不动|逐字|一字不差)(地)?(输出|重复|打印|复述)|(openai|api|slack|discord)\s*(的)?\s*(key|密钥|令牌|token)/i,
  /系统提示|你的提示词|系统指令|初始指令|忽略(之前|以上|前面)|你的(指令|规则|设定)|密钥|api ?key|口令|密码|环境变量/i,
];

const OFF_TOPIC: RegExp[] = [
  /\b(write|compose|make up|create|give me|generate|tell me) (me )?(a |an |some |one )?(short |funny |little |quick |nice )?(poem|haiku|sonnet|song|lyrics|rap|story|essay|joke|limerick|riddle|rhyme|ode|ballad|tweet|fairy tale|cover letter|email|love letter)s?\b/i,
  /\b(tell|give) me a joke\b/i,
  /\b(weather|stock price|lottery|horoscope|recipe|football|basketball|election|dating)\b/i,
  /\b(do|solve|finish) my (homework|assignment|exam)\b/i,
  /\bwrite (some |the )?(code|script|program|sql|regex)\b/i,
  /写(一首|首|个|一个|一段|段)?(诗|歌|歌词|俳句|故事|段子|对联|绕口令|情书|打油诗)|(写|作|编)(一首|首|一段|一个|个|篇|一篇).{0,12}(诗|歌词|俳句|故事|段子|对联|情书)|俳句|讲个?笑话|天气|股票|彩票|星座|菜谱|做饭|写(一篇|篇)?(作文|文章|小说)|写(个|段)?代码|帮我写(代码|程序)|足球|篮球|谈恋爱/,
];

export type RequestKind = "answer-request" | "secrets" | "off-topic" | "ok";

export const asksForAnswer = (text: string) => ANSWER_REQUEST.some((re) => re.test(text));
export const asksForSecrets = (text: string) => SECRETS.some((re) => re.test(text));
export const looksOffTopic = (text: string) => OFF_TOPIC.some((re) => re.test(text));

/**
 * Classifies a request. `questionOpen` turns on the answer-request check; `guessShaped` (from
 * guess-shape.ts, decided without the key) counts as asking for the answer too.
 */
export function classifyRequest(
  text: string,
  questionOpen: boolean,
  guessShaped = false,
): RequestKind {
  if (asksForSecrets(text)) return "secrets";
  if (questionOpen && (asksForAnswer(text) || guessShaped)) return "answer-request";
  if (looksOffTopic(text)) return "off-topic";
  return "ok";
}
