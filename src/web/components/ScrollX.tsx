import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../app/lang.ts';

/**
 * A wide table on a narrow screen: it scrolls inside its own box (never the page), and while columns are hidden to
 * the right a cue says so. The cue follows the box's size, so it appears on a phone and not on a desktop.
 */
export function ScrollX({ children }: { children: ReactNode }) {
  const { tr } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setMore(el.scrollWidth > el.clientWidth + 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  return (
    <div className={more ? 'scroll-x more' : 'scroll-x'}>
      <div className="scroll-box" ref={box}>
        {children}
      </div>
      {more ? (
        <p className="scroll-cue" data-scroll-cue>
          {tr('table.scroll_cue')}
        </p>
      ) : null}
    </div>
  );
}
