'use strict';
// The classify page: sign in with a key (session cookie), classify text through the gateway, draw six bars,
// optionally log the result to the member's own history on the dashboard.
(function () {
  const EMOTIONS = [
    ['anger', '분노'], ['sadness', '슬픔'], ['anxiety', '불안'],
    ['hurt', '상처'], ['embarrassment', '당황'], ['joy', '기쁨'],
  ];
  const KOREAN = Object.fromEntries(EMOTIONS);
  const $ = (id) => document.getElementById(id);
  let me = null;

  function show(id, visible) { $(id).hidden = !visible; }

  function message(text, ok) {
    const box = $('message');
    box.textContent = text || '';
    box.className = ok ? 'ok' : '';
    box.hidden = !text;
  }

  async function problemText(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && path !== '/api/session') {
      signedOut();
      throw new Error('로그인이 필요합니다 · Please sign in again');
    }
    if (!response.ok) {
      const retry = response.headers.get('Retry-After');
      throw new Error((await problemText(response)) + (retry ? ' (' + retry + ' s)' : ''));
    }
    return response.status === 204 ? null : response.json();
  }

  /** The active model's card in one line, and a calm note while it is the demo (starter) model. */
  async function modelCard() {
    try {
      const active = await api('GET', '/api/classifier/models/active');
      const card = active && active.model;
      if (!card) { return; }
      const figures = card.accuracy == null ? ''
        : ' · 정확도 accuracy ' + card.accuracy.toFixed(3) + ', macro-F1 ' + card.macro_f1.toFixed(3)
          + ' (' + card.evaluated_n + ' ' + (card.evaluated_on || 'held-out') + ')';
      $('model-card').textContent = '모델 model ' + card.version + ' · ' + card.kind + ' · '
        + (card.corpus || '?') + (card.examples ? ', ' + card.examples + ' examples' : '') + figures;
      show('model-card', true);
      show('demo-model', card.demo === true);
    } catch (e) {
      // the card is a courtesy: classifying works without it
    }
  }

  function signedIn(session) {
    me = session;
    modelCard();
    $('who').textContent = session.display_name + ' (' + session.role + ')';
    show('who', true);
    show('sign-out', true);
    show('sign-in', false);
    show('classify', true);
    $('text').focus();
  }

  function signedOut() {
    me = null;
    show('who', false);
    show('sign-out', false);
    show('classify', false);
    show('sign-in', true);
    $('key').focus();
  }

  function percent(p) { return (Math.round(p * 1000) / 10).toFixed(1) + '%'; }

  function bars(scores, top) {
    const box = document.createElement('div');
    box.className = 'bars';
    for (const [id, ko] of EMOTIONS) {
      const p = Number(scores[id] || 0);
      const row = document.createElement('div');
      row.className = 'bar' + (id === top ? ' top-emotion' : '');
      row.dataset.emotion = id;
      row.dataset.score = String(p);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = ko + ' ' + id;
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill ' + id;
      fill.style.width = (p * 100).toFixed(1) + '%';
      fill.setAttribute('role', 'meter');
      fill.setAttribute('aria-valuemin', '0');
      fill.setAttribute('aria-valuemax', '1');
      fill.setAttribute('aria-valuenow', String(p));
      fill.setAttribute('aria-label', ko + ' ' + id);
      track.appendChild(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = percent(p);
      row.append(name, track, value);
      box.appendChild(row);
    }
    return box;
  }

  function sentenceCount(text) {
    return text.split(/[.!?…。\n]+/).map((s) => s.trim()).filter((s) => s.length > 0).length;
  }

  function render(result) {
    const label = result.label;
    $('top').textContent = (result.label_ko || KOREAN[label] || '') + ' · ' + label + ' ' + percent(result.scores[label] || 0);
    $('top').dataset.label = label;
    $('bars').replaceWith(Object.assign(bars(result.scores, label), { id: 'bars' }));
    $('model').textContent = result.model_version ? '모델 model ' + result.model_version : '';
    const list = $('sentences');
    list.replaceChildren();
    const sentences = result.sentences || [];
    if (sentences.length > 1) {
      for (const sentence of sentences) {
        const item = document.createElement('li');
        item.className = 'sentence';
        item.dataset.label = sentence.label;
        const text = document.createElement('p');
        text.className = 'text';
        text.textContent = sentence.text + ' — ' + (sentence.label_ko || KOREAN[sentence.label]) + ' ' + sentence.label;
        item.append(text, bars(sentence.scores, sentence.label));
        list.appendChild(item);
      }
    }
    show('sentences-block', sentences.length > 1);
    show('result', true);
  }

  function randomId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function logToHistory(result) {
    await api('POST', '/api/dashboard/observations', {
      source: 'self',
      message_id: randomId(),
      section: 'whole',
      member_id: me.member_id,
      member_name: me.display_name,
      channel: 'web',
      at: new Date().toISOString(),
      scores: result.scores,
      label: result.label,
      model_version: result.model_version,
    });
  }

  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    message('');
    $('sign-in-button').disabled = true;
    try {
      const session = await api('POST', '/api/session', { key: $('key').value.trim() });
      $('key').value = '';
      signedIn(session);
    } catch (e) {
      message(e.message);
    } finally {
      $('sign-in-button').disabled = false;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    try { await api('DELETE', '/api/session'); } catch (e) { /* signed out either way */ }
    message('');
    show('result', false);
    signedOut();
  });

  $('classify-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('text').value.trim();
    if (!text) {
      message('문장을 입력하세요 · Type some text first');
      return;
    }
    message('');
    $('classify-button').disabled = true;
    try {
      const result = await api('POST', '/api/classifier/classifications', { text, sentences: sentenceCount(text) > 1 });
      render(result);
      if ($('log-history').checked) {
        try {
          await logToHistory(result);
          message('내 기록에 남겼습니다 · Logged to your history', true);
        } catch (e) {
          message('기록하지 못했습니다 · Not logged: ' + e.message);
        }
      }
    } catch (e) {
      message(e.message);
    } finally {
      $('classify-button').disabled = false;
    }
  });

  fetch('/api/session', { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json().then(signedIn) : signedOut()))
    .catch(() => signedOut());
})();
