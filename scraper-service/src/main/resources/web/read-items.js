// Reads the chat items now in the DOM, oldest first. Arguments: the selectors (see ScraperProperties.Selectors).
const [itemSel, timeSel, contentSel, authorSel, avatarSel, replySel, editedSel, beginSel] = arguments;
const digits = value => {
  const match = /(\d+)$/.exec(value || '');
  return match ? match[1] : null;
};
const items = [];
for (const li of document.querySelectorAll(itemSel)) {
  const reply = replySel ? li.querySelector(replySel) : null;
  const outsideReply = el => !(reply && reply.contains(el));
  const content = [...li.querySelectorAll(contentSel)].find(outsideReply) || null;
  let text = '';
  let edited = null;
  let wasEdited = false;
  if (content) {
    const clone = content.cloneNode(true);
    for (const marker of [...clone.querySelectorAll(editedSel)]) {
      wasEdited = true;
      const time = marker.closest('time[datetime]') || marker.querySelector('time[datetime]');
      if (time) {
        edited = time.getAttribute('datetime');
      }
      (time && clone.contains(time) ? time : marker).remove();
    }
    for (const br of [...clone.querySelectorAll('br')]) {
      br.replaceWith('\n');
    }
    text = clone.textContent.replace(/\u00a0/g, ' ').trim();
  }
  const time = [...li.querySelectorAll(timeSel)].find(el => outsideReply(el) && !(content && content.contains(el)));
  const author = authorSel ? [...li.querySelectorAll(authorSel)].find(outsideReply) : null;
  const avatar = avatarSel ? [...li.querySelectorAll(avatarSel)].find(outsideReply) : null;
  const avatarMatch = avatar ? /avatars\/(\d+)\//.exec(avatar.getAttribute('src') || '') : null;
  let replyTo = null;
  if (reply) {
    const quoted = reply.querySelector(contentSel) || reply.querySelector('[id]');
    replyTo = quoted ? digits(quoted.id) : null;
  }
  items.push({
    domId: li.id,
    id: digits(li.id),
    time: time ? time.getAttribute('datetime') : null,
    author: author ? author.textContent.trim() : null,
    authorId: avatarMatch ? avatarMatch[1] : null,
    content: text,
    edited: edited,
    wasEdited: wasEdited,
    replyTo: replyTo
  });
}
return { items: items, beginning: beginSel ? document.querySelector(beginSel) !== null : false, title: document.title };
