// Reads the chat items now in the DOM, oldest first. Arguments: the selectors (see ScraperProperties.Selectors).
const [itemSel, timeSel, contentSel, authorSel, avatarSel, replySel, editedSel, beginSel] = arguments;
const digits = value => {
  const match = /(\d+)$/.exec(value || '');
  return match ? match[1] : null;
};
// The content as the person wrote it, rebuilt from the rendered DOM: emoji images give their alt text (unicode emoji
// as the character, custom emoji as :name:), a channel mention its #name, and code, code blocks and quotes their
// markdown markers, so that the service's text normaliser leaves them out as it does for the other sources.
const BLOCKS = new Set(['DIV', 'P', 'H1', 'H2', 'H3', 'LI', 'UL', 'OL']);
function markup(node) {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      out += child.nodeValue;
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) {
      continue;
    }
    const tag = child.tagName;
    const cls = typeof child.className === 'string' ? child.className : '';
    if (tag === 'BR') {
      out += '\n';
    } else if (tag === 'IMG') {
      out += child.getAttribute('alt') || child.getAttribute('data-name') || '';
    } else if (tag === 'PRE') {
      out += '\n```\n' + child.textContent + '\n```\n';
    } else if (tag === 'CODE') {
      out += '`' + child.textContent.replace(/`/g, '') + '`';
    } else if (tag === 'BLOCKQUOTE') {
      const quoted = markup(child).replace(/^\n+|\n+$/g, '');
      out += '\n' + quoted.split('\n').map(line => '> ' + line).join('\n') + '\n';
    } else if (/channelMention/.test(cls)) {
      const name = child.textContent.trim();
      out += name.startsWith('#') ? name : '#' + name;
    } else if (BLOCKS.has(tag)) {
      const inner = markup(child);
      if (inner) {
        out += (out && !out.endsWith('\n') ? '\n' : '') + inner + (inner.endsWith('\n') ? '' : '\n');
      }
    } else {
      out += markup(child);
    }
  }
  return out;
}
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
    text = markup(clone).replace(/\u00a0/g, ' ').trim();
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
