// English UI text: the source of every message key (zh.ts and any other language follow it).
// Placeholders are `{name}`; a `{ one, other }` pair is chosen by `{count}`. Course content
// (lessons, questions, glossary) is not here: it is data in content/.
export const en = {
  "common.count.answer": { one: "{count} answer", other: "{count} answers" },
  "tutor.exam-mode.thatQuestionIsStill":
    "That question is still open, so I can't give, check or rule out any answer to it until you've answered (I say this for every guess, right or wrong). Hint: review \"{sectionLabel}\"; use /hint for more. If you mean the question you answered before, say so, e.g. \"why is B wrong in the previous question?\". Once you've answered, ask me why, and I'll explain.",
  "tutor.passages.explanation": "Explanation: {promptEn}",
  "tutor.passages.l": "L{order}",
  "tutor.service.pleaseTypeAQuestion": "Please type a question, e.g. /ask what is quantization?",
  "tutor.service.thatQuestionIsToo":
    "That question is too long (at most {MAX_QUESTION} characters).",
  "tutor.service.tutor": "Tutor",
  "tutor.service.sorryICanT":
    "Sorry, I can't share my instructions, configuration or any keys. I'm happy to answer questions about the course.",
  "tutor.service.sorryThatSOutside":
    "Sorry, that's outside this course. I can only help with the course material, e.g. /ask what is a Transformer?",
  "tutor.service.l": 'L{order} "{titleEn}"',
  "tutor.service.sorryICanT2": "Sorry, I can't share my instructions.",
  "tutor.service.thatQuestionIsNo": "That question is no longer in the course.",
  "tutor.service.answerThatQuestionFirst": "Answer that question first, then ask me about it.",
  "tutor.service.sureLetSTalk":
    'Sure, let\'s talk about: "{promptEn}". Type your follow-up right here (e.g. "why not the other option?").',
  "tutor.small-talk.hiIMThe":
    "Hi! I'm the course tutor. Ask me anything about the course notes (e.g. \"what is quantization?\"), type /quiz to practise, /progress to see how you're doing, or /help for every command.",
  "tutor.small-talk.youReWelcomeAsk":
    "You're welcome! Ask me anything else about the course, or type /quiz to keep practising.",
  "tutor.render.offline": "📚 Offline answer (quoted from the course notes):",
  "tutor.render.fallback":
    "⚠️ The AI tutor is unavailable right now. Offline answer (quoted from the course notes):",
  "tutor.render.budget":
    "⏳ Your tutor questions are used up for now. Offline answer (quoted from the course notes):",
  "common.lessonNo": "L{order}",
  "tutor.render.explanationCite": "Q {questionId} explanation",
  "tutor.render.glossaryCite": 'Glossary "{term}"',
  "common.listJoin": ", ",
  "tutor.render.questionsLeft": "{left}/{max} questions left",
  "tutor.render.nextIn": " · next in {mins} min",
  "tutor.render.dailyCap": " · daily limit reached",
  "tutor.render.sources": "Sources",
  "tutor.render.related": "Related notes (the answer cites no note)",
  "tutor.service.notCovered":
    "The course notes don't cover that, and I'd rather not make it up. {nearest}",
  "tutor.service.nearestLessons": "The nearest lessons are {names}.",
  "tutor.service.seeTopics": "Type /topics to see what the course covers.",
  "common.enumJoin": ", ",
} as const;
