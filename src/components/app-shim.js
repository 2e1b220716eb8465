// The app frame's shim: the first script of every page the app browser
// shows, inside the sandboxed frame (an opaque origin with no network). It
// turns what would be network traffic into messages to the course page,
// which plays the browser: link clicks, form submissions (also
// form.submit()), fetch and XMLHttpRequest, document.cookie writes, and,
// through the Navigation API where there is one, any other navigation
// (location.href = …, location.assign). It is a function expression the
// page calls with this document's URL and cookies, as text (imported with
// ?raw), so no bundler touches it. It holds no secret: the learner's own
// code may read or replace any of it, and the page trusts none of it.
(config) => {
  var up = window.parent;
  var post = (message) => {
    message.wm = 'app';
    up.postMessage(message, '*');
  };

  // Tell the page when this document is on screen: after its load, in the
  // first frame drawn after it (a click before that can be dropped), naming
  // the render it came from (config.doc), so the page never takes another
  // document's load for this one. A frame scrolled out of view is not drawn
  // (browsers throttle it), so a second after load will do there.
  var nextFrame = window.requestAnimationFrame.bind(window);
  var later = window.setTimeout.bind(window);
  window.addEventListener('load', () => {
    var told = false;
    var tell = () => {
      if (told) return;
      told = true;
      post({ type: 'shown', doc: config.doc });
    };
    nextFrame(() => later(tell, 0));
    later(tell, 1000);
  });
  var absolute = (href) => {
    try {
      return new URL(href, document.baseURI).href;
    } catch (_error) {
      return null;
    }
  };
  var samePageHash = (url) => {
    var here = config.url.split('#')[0];
    return url.split('#')[0] === here && url.indexOf('#') >= 0;
  };
  var scrollToHash = (url) => {
    var id = decodeURIComponent(url.slice(url.indexOf('#') + 1));
    var target = id ? document.getElementById(id) || document.getElementsByName(id)[0] : null;
    if (target) target.scrollIntoView();
    else if (!id) window.scrollTo(0, 0);
  };
  var go = (url) => {
    if (!url) return;
    if (samePageHash(url)) scrollToHash(url);
    else post({ type: 'navigate', method: 'GET', url: url });
  };

  // Links: after the app's own handlers (bubble phase, on window), so an app
  // that prevents a click keeps it.
  window.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    var node = event.target;
    while (node && node.nodeType !== 1) node = node.parentNode;
    var link = node?.closest ? node.closest('a[href], area[href]') : null;
    if (!link) return;
    event.preventDefault();
    go(absolute(link.getAttribute('href')));
  });

  var submitForm = (form, submitter) => {
    var attr = (name, formName) => (submitter?.hasAttribute(formName) ? submitter.getAttribute(formName) : form.getAttribute(name));
    var method = (attr('method', 'formmethod') || 'get').toLowerCase();
    if (method === 'dialog') return;
    var action = attr('action', 'formaction');
    var url = action ? absolute(action) : config.url;
    var data;
    try {
      data = new FormData(form, submitter || undefined);
    } catch (_error) {
      data = new FormData(form);
    }
    var entries = [];
    data.forEach((value, name) => {
      entries.push([name, value]);
    });
    post({ type: 'navigate', method: method === 'post' ? 'POST' : 'GET', url: url, enctype: attr('enctype', 'formenctype') || '', entries: entries });
  };
  window.addEventListener('submit', (event) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    submitForm(event.target, event.submitter);
  });
  HTMLFormElement.prototype.submit = function () {
    submitForm(this, null);
  };

  // fetch and XMLHttpRequest: answered by the page, which sends the request
  // through the same pipeline as a navigation.
  var waiting = new Map();
  var nextId = 1;
  window.addEventListener('message', (event) => {
    // The course page answers (the script that posts runs in its window, so it is the source).
    if ((event.source !== up && event.source !== window.top) || !event.data) return;
    var data = event.data;
    if (data.wm === 'app-cookie' && typeof data.value === 'string') cookies = data.value;
    if (data.wm !== 'app-reply') return;
    var resolve = waiting.get(data.id);
    if (!resolve) return;
    waiting.delete(data.id);
    resolve(data);
  });
  var NULL_BODY = [101, 103, 204, 205, 304];
  window.fetch = (input, init) => {
    var request;
    try {
      request = new Request(input, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return request
      .arrayBuffer()
      .then(
        (body) =>
          new Promise((resolve) => {
            var id = nextId++;
            waiting.set(id, resolve);
            var headers = [];
            request.headers.forEach((value, name) => {
              headers.push([name, value]);
            });
            post({ type: 'fetch', id: id, method: request.method, url: request.url, headers: headers, body: body.byteLength ? body : null });
          }),
      )
      .then((reply) => {
        if (!reply.ok) throw new TypeError('Failed to fetch');
        var response = new Response(NULL_BODY.indexOf(reply.status) >= 0 ? null : reply.body, {
          status: reply.status,
          statusText: reply.statusText,
          headers: reply.headers,
        });
        Object.defineProperty(response, 'url', { value: reply.url });
        Object.defineProperty(response, 'redirected', { value: reply.redirected });
        return response;
      });
  };

  function AppXMLHttpRequest() {
    this.readyState = 0;
    this.status = 0;
    this.statusText = '';
    this.response = '';
    this.responseText = '';
    this.responseType = '';
    this.responseURL = '';
    this.withCredentials = false;
    this.timeout = 0;
    this.onreadystatechange = this.onload = this.onerror = this.onloadend = this.onabort = this.ontimeout = this.onloadstart = this.onprogress = null;
    this.upload = { addEventListener: () => {}, removeEventListener: () => {} };
    this._headers = [];
    this._listeners = {};
    this._responseHeaders = null;
  }
  AppXMLHttpRequest.UNSENT = 0;
  AppXMLHttpRequest.OPENED = 1;
  AppXMLHttpRequest.HEADERS_RECEIVED = 2;
  AppXMLHttpRequest.LOADING = 3;
  AppXMLHttpRequest.DONE = 4;
  var xhr = AppXMLHttpRequest.prototype;
  xhr._fire = function (type) {
    var event = { type: type, target: this, currentTarget: this };
    var handler = this['on' + type];
    if (typeof handler === 'function') handler.call(this, event);
    (this._listeners[type] || []).slice().forEach(function (listener) {
      listener.call(this, event);
    }, this);
  };
  xhr.addEventListener = function (type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
  };
  xhr.removeEventListener = function (type, listener) {
    this._listeners[type] = (this._listeners[type] || []).filter((l) => l !== listener);
  };
  xhr.open = function (method, url) {
    this._method = String(method).toUpperCase();
    this._url = absolute(url);
    this.readyState = 1;
    this._fire('readystatechange');
  };
  xhr.setRequestHeader = function (name, value) {
    this._headers.push([name, String(value)]);
  };
  xhr.overrideMimeType = () => {};
  xhr.abort = function () {
    this._aborted = true;
  };
  xhr.getResponseHeader = function (name) {
    return this._responseHeaders ? this._responseHeaders.get(name) : null;
  };
  xhr.getAllResponseHeaders = function () {
    var lines = '';
    if (this._responseHeaders)
      this._responseHeaders.forEach((value, name) => {
        lines += name + ': ' + value + '\r\n';
      });
    return lines;
  };
  xhr.send = function (body) {
    var hasBody = body !== undefined && body !== null && this._method !== 'GET' && this._method !== 'HEAD';
    window
      .fetch(this._url, { method: this._method, headers: this._headers, body: hasBody ? body : undefined })
      .then((response) => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseURL = response.url;
        this._responseHeaders = response.headers;
        return this.responseType === 'arraybuffer' ? response.arrayBuffer() : this.responseType === 'blob' ? response.blob() : response.text();
      })
      .then(
        (value) => {
          if (this._aborted) return;
          if (this.responseType === 'json') {
            try {
              this.response = JSON.parse(value);
            } catch (_error) {
              this.response = null;
            }
          } else {
            this.response = value;
            if (typeof value === 'string') this.responseText = value;
          }
          this.readyState = 4;
          this._fire('readystatechange');
          this._fire('load');
          this._fire('loadend');
        },
        () => {
          this.readyState = 4;
          this._fire('readystatechange');
          this._fire('error');
          this._fire('loadend');
        },
      );
  };
  window.XMLHttpRequest = AppXMLHttpRequest;

  // document.cookie: the jar's cookies for this page that scripts may read
  // (no HttpOnly), given at render time; writes go to the page's jar, which
  // answers with what scripts can now read.
  var cookies = config.cookie;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => cookies,
    set: (value) => {
      post({ type: 'cookie', value: String(value) });
    },
  });

  // Any other navigation of this frame (location.href = …, location.assign,
  // a link whose click the app stopped from propagating) becomes a request
  // through the page too, where the Navigation API exists. Without it the
  // frame's own policy (frame-src 'none') stops the navigation.
  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    window.navigation.addEventListener('navigate', (event) => {
      if (!event.cancelable) return;
      event.preventDefault();
      const url = event.destination.url;
      if (event.formData) {
        const entries = [];
        event.formData.forEach((value, name) => {
          entries.push([name, value]);
        });
        post({ type: 'navigate', method: 'POST', url: url, enctype: 'multipart/form-data', entries: entries });
      } else go(url);
    });
  }
};
