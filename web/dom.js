// What the dashboard and the portal both do with the page: build elements, and show the texts of the chosen language.

/** Builds an element: h('td', { class: 'bad' }, 'text', child). Attributes named on… are event listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(c => c !== null && c !== undefined).map(c => (c instanceof Node ? c : String(c))));
  return element;
}

/** Sets the page's language, its title and every [data-i18n] text; the toggle names the other language in that language. */
export function applyTexts(language, t) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  const toggle = document.getElementById('language');
  toggle.textContent = t('language');
  toggle.lang = language === 'zh' ? 'en' : 'zh-CN';
}
