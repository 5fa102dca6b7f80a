// Chinese UI text: one entry per key of en.ts (a missing or unknown key is a compile error).
import type { Messages } from "./types";

export const zh = {
  "common.count.answer": "{count} 个答案",
  "tutor.exam-mode.thatQuestionIsStill":
    "这道题还没作答：在你作答之前，我不能给出、核对或排除任何答案（无论对错，回答都一样）。提示：复习「{sectionLabel}」一节；需要更多提示可以用 /hint。如果你问的是上一题，请说明，例如“上一题为什么 B 不对？”。答完之后，欢迎再来问我为什么。",
  "tutor.passages.explanation": "题目解析：{promptZh}",
  "tutor.passages.l": "第{order}课",
  "tutor.service.pleaseTypeAQuestion": "请写下你的问题，例如 /ask 什么是量化？",
  "tutor.service.thatQuestionIsToo": "问题太长了（最多 {MAX_QUESTION} 个字符）。",
  "tutor.service.tutor": "助教",
  "tutor.service.sorryICanT":
    "抱歉，我不能透露我的设置、提示词或任何密钥。我可以回答关于课程内容的问题。",
  "tutor.service.sorryThatSOutside":
    "抱歉，这超出了本课程的范围。我只能回答与课程内容有关的问题，例如 /ask 什么是 Transformer？",
  "tutor.service.l": "第{order}课「{titleZh}」",
  "tutor.service.sorryICanT2": "抱歉，我不能透露我的设置。",
  "tutor.service.thatQuestionIsNo": "这道题已不在课程中。",
  "tutor.service.answerThatQuestionFirst": "先回答这道题，再来问我吧。",
  "tutor.service.sureLetSTalk":
    "好的，我们来聊这道题：“{promptZh}”。直接在这里输入你的疑问（例如“为什么不是另一个选项？”）。",
  "tutor.small-talk.hiIMThe":
    "你好！我是本课程的助教。你可以直接问我课程里的问题（例如“什么是量化？”），输入 /quiz 开始练习，/progress 查看进度，/help 查看全部命令。",
  "tutor.small-talk.youReWelcomeAsk": "不客气！还有课程上的问题随时问我，或输入 /quiz 继续练习。",
  "tutor.render.offline": "📚 离线回答（摘自课程笔记）：",
  "tutor.render.fallback": "⚠️ AI 助教暂时不可用，以下为离线回答（摘自课程笔记）：",
  "tutor.render.budget": "⏳ 你的提问额度暂时用完了，以下为离线回答（摘自课程笔记）：",
  "common.lessonNo": "第{order}课",
  "tutor.render.explanationCite": "题目 {questionId} 的解析",
  "tutor.render.glossaryCite": "术语表「{term}」",
  "common.listJoin": "，",
  "tutor.render.questionsLeft": "剩余提问 {left}/{max}",
  "tutor.render.nextIn": " · {mins} 分钟后恢复 1 次",
  "tutor.render.dailyCap": " · 今日用量已达上限",
  "tutor.render.sources": "出处",
  "tutor.render.related": "相关笔记（回答未引用笔记）",
  "tutor.service.notCovered": "课程笔记没有讲到这个问题，我不想凭空编造。{nearest}",
  "tutor.service.nearestLessons": "最接近的内容在 {names}。",
  "tutor.service.seeTopics": "输入 /topics 看看课程包含哪些主题。",
  "common.enumJoin": "、",
} as const satisfies Messages;
