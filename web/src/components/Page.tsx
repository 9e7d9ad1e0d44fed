import { useEffect, useRef, type ReactNode } from "react";

let firstPage = true;

/**
 * A page: sets the document title (WCAG 2.4.2) and, after client-side navigation, moves focus to
 * the heading so that screen-reader users learn that the page changed.
 */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Verbund`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, []);
  return (
    <>
      <h1 className="kern-heading-x-large" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="kern-body kern-body--large">{intro}</p> : null}
      {children}
    </>
  );
}
