(function () {
  'use strict';

  const EMOTIONS = [
    { id: 'anger', ko: '분노', color: '#e4572e' },
    { id: 'sadness', ko: '슬픔', color: '#4c78a8' },
    { id: 'anxiety', ko: '불안', color: '#f2a541' },
    { id: 'hurt', ko: '상처', color: '#9c6ade' },
    { id: 'embarrassment', ko: '당황', color: '#17a398' },
    { id: 'joy', ko: '기쁨', color: '#f7c948' }
  ];
  const TRENDS = { worse: '악화', better: '개선', steady: '유지', 'new': '신규' };
  const ZONE = 'Asia/Seoul';

  const params = new URLSearchParams(location.search);
  const api = (params.has('api') ? params.get('api') : document.querySelector('meta[name="api-base"]').content)
    .replace(/\/+$/, '');
  const $ = (id) => document.getElementById(id);
  const charts = {};
  window.dashboard = { charts: charts, data: {} };

  function today() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  }

  function addDays(date, days) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function get(path, query) {
    const clean = {};
    Object.keys(query || {}).forEach((k) => { if (query[k]) clean[k] = query[k]; });
    const qs = new URLSearchParams(clean).toString();
    return fetch(api + path + (qs ? '?' + qs : ''), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => response.ok ? response.json() : response.json().catch(() => ({}))
        .then((problem) => { throw new Error(problem.detail || ('HTTP ' + response.status)); }));
  }

  function percent(share) {
    return share == null ? '–' : Math.round(share * 100) + '%';
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => { if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach((c) => node.appendChild(c));
    return node;
  }

  function emotionName(id) {
    const e = EMOTIONS.find((x) => x.id === id);
    return e ? e.ko : (id || '–');
  }

  function selection() {
    return { from: $('from').value, to: $('to').value, channel: $('channel').value, member: params.get('member') || '' };
  }

  /** This page for one member's own figures (that member and admins may see them; the API says 403 to others). */
  function memberPage(memberId, from, to) {
    const query = new URLSearchParams();
    if (params.has('api')) query.set('api', params.get('api'));
    query.set('member', memberId);
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    return '?' + query.toString();
  }

  function renderWeekly(timeline) {
    const labels = timeline.items.map((p) => p.period_start.slice(5).replace('-', '/') + (p.suppressed ? '*' : ''));
    const datasets = EMOTIONS.map((e) => ({
      label: e.ko,
      backgroundColor: e.color,
      data: timeline.items.map((p) => {
        if (p.suppressed || !p.emotions || p.emotions.length === 0) return p.suppressed ? null : 0;
        return p.emotions.find((s) => s.emotion === e.id).n;
      })
    }));
    const suppressed = timeline.items.filter((p) => p.suppressed).length;
    $('weekly-note').textContent = suppressed
      ? '* 참여자가 ' + timeline.min_members + '명 미만인 주(' + suppressed + '주)는 개인이 드러나지 않도록 표시하지 않습니다.'
      : '';
    draw('weekly', 'weekly-chart', {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: '메시지 수' } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  function renderDistribution(distribution) {
    const table = $('distribution-table');
    table.replaceChildren();
    if (distribution.suppressed) {
      table.appendChild(el('caption', { text: '참여자가 ' + distribution.min_members + '명 미만이라 표시하지 않습니다.' }));
      draw('distribution', 'distribution-chart', null);
      return;
    }
    const stats = distribution.emotions || [];
    draw('distribution', 'distribution-chart', {
      type: 'doughnut',
      data: {
        labels: EMOTIONS.map((e) => e.ko),
        datasets: [{ data: EMOTIONS.map((e) => { const s = stats.find((x) => x.emotion === e.id); return s ? s.n : 0; }),
          backgroundColor: EMOTIONS.map((e) => e.color) }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } }
    });
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { text: '감정' }), el('th', { class: 'num', text: '수' }),
      el('th', { class: 'num', text: '비율' }), el('th', { class: 'num', text: '평균 점수' })])]));
    const body = el('tbody');
    EMOTIONS.forEach((e) => {
      const s = stats.find((x) => x.emotion === e.id) || { n: 0, share: 0, mean_score: 0 };
      const swatch = el('span', { class: 'swatch', style: 'background:' + e.color });
      const name = el('td', {}, [swatch]);
      name.appendChild(document.createTextNode(e.ko));
      body.appendChild(el('tr', { 'data-emotion': e.id }, [name, el('td', { class: 'num', text: String(s.n) }),
        el('td', { class: 'num', text: percent(s.share) }), el('td', { class: 'num', text: s.mean_score.toFixed(2) })]));
    });
    table.appendChild(body);
    $('total-n').textContent = String(distribution.n);
  }

  function renderNegative(share) {
    const current = share.current;
    $('negative-share').textContent = current.suppressed ? '비공개' : percent(current.negative_share);
    if (share.change == null) {
      $('negative-change').textContent = '이전 같은 기간과 비교할 수 없습니다';
    } else {
      const points = Math.round(share.change * 100);
      $('negative-change').textContent = '이전 같은 기간 ' + percent(share.previous.negative_share) + ' 대비 '
        + (points > 0 ? '+' : '') + points + '%p';
    }
  }

  function renderMembers(members) {
    const p = members.participation;
    $('participation').textContent = p.active_members + ' / ' + p.known_members + '명';
    $('participation-note').textContent = p.rate == null ? '' : '참여율 ' + percent(p.rate) + ' (' + members.week_start + ' 주)';
    $('members-week').textContent = members.week_start + ' ~ ' + members.week_end;
    const table = $('members-table');
    table.replaceChildren();
    table.appendChild(el('thead', {}, [el('tr', {}, [el('th', { text: '멤버' }), el('th', { class: 'num', text: '글' }),
      el('th', { text: '주요 감정' }), el('th', { class: 'num', text: '부정 비율' }), el('th', { text: '지난 4주 대비' })])]));
    const body = el('tbody');
    members.items.forEach((m) => {
      body.appendChild(el('tr', { 'data-member': m.member_id }, [
        el('td', { text: m.member_name }), el('td', { class: 'num', text: String(m.n) }),
        el('td', { text: emotionName(m.dominant) }), el('td', { class: 'num', text: percent(m.negative_share) }),
        el('td', { class: 'trend-' + m.trend, text: (TRENDS[m.trend] || m.trend) + (m.change == null ? '' : ' (' + (m.change > 0 ? '+' : '') + Math.round(m.change * 100) + '%p)') })
      ]));
    });
    table.appendChild(body);
    const why = members.items.length === 0
      ? (members.note ? '기록이 없습니다: ' + members.week_start + ' 주까지 최근 52주 동안 이 채널에 글이 없습니다. ' : '이 주에는 글을 쓴 멤버가 없습니다. ')
      : '';
    $('members-note').textContent = why + (members.restricted
      ? '개인별 감정 기록은 본인과 관리자만 볼 수 있습니다. 쓰지 않은 사람은 표시하지 않습니다.'
      : '글이 있는 가장 최근 주(' + members.week_start + ')에 쓴 멤버만 표시합니다.');
  }

  function renderAlerts(alerts) {
    const list = $('alerts');
    list.replaceChildren();
    if (alerts.items.length === 0) {
      list.appendChild(el('li', { class: 'none', text: '열린 알림이 없습니다.' }));
      return;
    }
    alerts.items.forEach((a) => {
      const button = el('button', { type: 'button', text: '확인 처리' });
      button.addEventListener('click', () => {
        fetch(api + '/alerts/' + encodeURIComponent(a.id) + '/acknowledge', { method: 'POST', credentials: 'same-origin' })
          .then((r) => r.ok ? load() : r.json().then((p) => showError(p.detail)));
      });
      const parts = [el('div', { text: a.week_start + ' · ' + a.message })];
      const v = a.values || {};
      if (a.member_id && v.baseline_from) {
        parts.push(el('a', { href: memberPage(a.member_id, v.baseline_from, addDays(v.last_week, 6)), 'data-timeline': a.member_id,
          text: '개인 추이 보기' }));
      }
      parts.push(button);
      list.appendChild(el('li', { 'data-alert': a.id }, parts));
    });
  }

  function draw(name, canvasId, config) {
    if (charts[name]) {
      charts[name].destroy();
      delete charts[name];
    }
    if (config) {
      charts[name] = new Chart($(canvasId), config);
    }
  }

  function showError(message) {
    $('error').hidden = !message;
    $('error').textContent = message || '';
  }

  function load() {
    const s = selection();
    document.body.dataset.state = 'loading';
    showError('');
    $('period-label').textContent = s.from + ' ~ ' + s.to;
    const query = { from: s.from, to: s.to, channel: s.channel, member: s.member };
    $('member-view').hidden = !s.member;
    $('member-view').textContent = s.member ? '개인 추이: ' + s.member + ' (본인과 관리자만 볼 수 있습니다)' : '';
    const jobs = [
      get('/timeline', Object.assign({ grain: 'week' }, query)).then((d) => { window.dashboard.data.timeline = d; renderWeekly(d); }),
      get('/distribution', query).then((d) => { window.dashboard.data.distribution = d; renderDistribution(d); }),
      get('/negative-share', query).then((d) => { window.dashboard.data.negativeShare = d; renderNegative(d); }),
      get('/members', { to: s.to, channel: s.channel }).then((d) => { window.dashboard.data.members = d; renderMembers(d); }),
      get('/alerts', { status: 'open', channel: s.channel }).then((d) => { window.dashboard.data.alerts = d; renderAlerts(d); })
    ];
    return Promise.allSettled(jobs).then((results) => {
      const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
      showError(failed.length ? '일부 데이터를 불러오지 못했습니다: ' + failed.join(' / ') : '');
      document.body.dataset.state = failed.length ? 'error' : 'ready';
    });
  }

  function applyPreset() {
    const weeks = Number($('preset').value);
    if (weeks) {
      $('to').value = $('to').value || today();
      $('from').value = addDays($('to').value, -(weeks * 7 - 1));
    }
  }

  /** A calm note while the labels come from the demo model; nothing when the classifier cannot be asked. */
  function demoModelNote() {
    const modelApi = document.querySelector('meta[name="model-api"]').content;
    fetch(modelApi, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => response.ok ? response.json() : null)
      .then((active) => { $('demo-model').hidden = !(active && active.model && active.model.demo === true); })
      .catch(() => {});
  }

  // The API lists each thread (or forum post) right after its parent channel: it is shown indented under it. A
  // parent without observations of its own (a forum) becomes a heading that cannot be picked.
  function channelOption(c, items, i) {
    if (!c.parent_channel_id) return el('option', { value: c.channel_id, text: c.label });
    const thread = el('option', { value: c.channel_id, text: '\u00a0\u00a0\u00a0└ ' + c.channel, title: c.label,
      'class': 'thread', 'data-parent': c.parent_channel_id });
    const previous = items[i - 1];
    const parentListed = items.some((p) => p.channel_id === c.parent_channel_id);
    if (parentListed || (previous && previous.parent_channel_id === c.parent_channel_id)) return thread;
    const heading = el('option', { disabled: 'disabled', 'data-heading': c.parent_channel_id,
      text: (c.guild ? c.guild + ' / ' : '') + '#' + (c.parent_channel || c.parent_channel_id) });
    const group = document.createDocumentFragment();
    group.appendChild(heading);
    group.appendChild(thread);
    return group;
  }

  function init() {
    demoModelNote();
    $('to').value = params.get('to') || today();
    if (params.get('from')) {
      $('from').value = params.get('from');
      $('preset').value = '';
    } else {
      applyPreset();
    }
    $('preset').addEventListener('change', () => { applyPreset(); load(); });
    ['from', 'to'].forEach((id) => $(id).addEventListener('change', () => { $('preset').value = ''; }));
    $('channel').addEventListener('change', load);
    $('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });
    get('/channels').then((channels) => {
      // by id: two servers' channels of one name stay apart, and a renamed channel keeps its history
      channels.items.forEach((c, i) => $('channel').appendChild(channelOption(c, channels.items, i)));
      if (params.get('channel')) $('channel').value = params.get('channel');
    }).catch(() => {}).then(load);
  }

  init();
})();
