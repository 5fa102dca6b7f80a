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
  /\bhow many (parameters|bytes|gb|tokens)\b.*\?\s*$/i,
  /答案|正确选项|正确答案|选哪(个|一个|项)?|哪个选项|哪一项|哪个对|哪个是对的|选什么|应该选|该选|帮我(选|做|答)|告诉我(选|答)|对不对|对吗|是不是对的|我(答|选)的?对|字母是|哪个字母|正确的是|是对还是错|判断.*(对|错)|标准答案|参考答案/,
];

const SECRETS: RegExp[] = [
  /\b(system|hidden|initial|original|developer) (prompt|message|instructions?)\b/i,
  /\b(ignore|disregard|forget) (all |any |the |your )?(previous|prior|above|earlier)? ?(instructions?|rules|prompt)\b/i,
  /\b(reveal|show|print|repeat|output|leak|what (is|are)|tell me) (me )?(your (instructions?|rules|prompt|configuration|config|settings)|the (instructions?|prompt) (you|above))\b/i,
  /\b(api[ _-]?key|secret key|(access|bot|auth|api|slack|discord) token|password|credentials?|env(ironment)? var(iable)?s?|openai_api_key)\b/i,
  /系统提示|你的提示词|系统指令|初始指令|忽略(之前|以上|前面)|你的(指令|规则|设定)|密钥|api ?key|口令|密码|环境变量/i,
];

const OFF_TOPIC: RegExp[] = [
  /\b(write|compose|make up) (me )?(a |an )?(poem|song|story|essay|joke|limerick|cover letter|email)\b/i,
  /\b(tell|give) me a joke\b/i,
  /\b(weather|stock price|lottery|horoscope|recipe|football|basketball|election|dating)\b/i,
  /\b(do|solve|finish) my (homework|assignment|exam)\b/i,
  /\bwrite (some |the )?(code|script|program|sql|regex)\b/i,
  /写(一首|首)?诗|讲个?笑话|天气|股票|彩票|星座|菜谱|做饭|写(一篇|篇)?(作文|文章|小说)|写(个|段)?代码|帮我写(代码|程序)|足球|篮球|谈恋爱/,
];

export type RequestKind = "answer-request" | "secrets" | "off-topic" | "ok";

export const asksForAnswer = (text: string) => ANSWER_REQUEST.some((re) => re.test(text));
export const asksForSecrets = (text: string) => SECRETS.some((re) => re.test(text));
export const looksOffTopic = (text: string) => OFF_TOPIC.some((re) => re.test(text));

/**
 * Classifies a request. `questionOpen` turns on the answer-request check; the learner also
 * counts as asking for the answer when they quote the open question's options back at us.
 */
export function classifyRequest(text: string, questionOpen: boolean, mentionsOpenQuestion = false): RequestKind {
  if (asksForSecrets(text)) return "secrets";
  if (questionOpen && (asksForAnswer(text) || mentionsOpenQuestion)) return "answer-request";
  if (looksOffTopic(text)) return "off-topic";
  return "ok";
}
