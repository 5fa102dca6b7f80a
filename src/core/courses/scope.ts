// Scoping services to one course: the course's index, the store's course-scoped repositories and
// the course's tutor (its own retriever). Requests, channel rounds and lesson deliveries each run
// against exactly one course this way, so nothing downstream can mix two courses.
import type { Services } from "../commands/types";
import type { CourseIndex } from "../content/model";

/** The course `courseId` names, or the default course when the catalogue does not have it. */
export function courseIndexOf(services: Services, courseId: string | undefined): CourseIndex {
  return (
    (courseId && services.catalogue?.get(courseId)) || services.catalogue?.default || services.index
  );
}

export function scopeToCourse<T extends Services>(services: T, courseId: string | undefined): T {
  const index = courseIndexOf(services, courseId);
  const id = index.course.id;
  return {
    ...services,
    index,
    // Already this course's store: keep it as given (a wrapped or instrumented store stays so).
    store: services.store.courseId === id ? services.store : services.store.forCourse(id),
    tutor: services.tutorFor?.(id) ?? services.tutor,
  };
}
