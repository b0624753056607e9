// Scrolls the chat list to its top so that the client loads older messages. Arguments: item selector, scroller selector.
const [itemSel, scrollerSel] = arguments;
let scroller = scrollerSel ? document.querySelector(scrollerSel) : null;
if (!scroller) {
  let el = document.querySelector(itemSel);
  while (el && el !== document.body) {
    const style = getComputedStyle(el);
    if ((style.overflowY === 'auto' || style.overflowY === 'scroll') && el.scrollHeight > el.clientHeight) {
      scroller = el;
      break;
    }
    el = el.parentElement;
  }
}
scroller = scroller || document.scrollingElement;
scroller.scrollTop = 0;
scroller.dispatchEvent(new Event('scroll'));
return scroller.scrollHeight;
