// The Teams client, as far as a tab sees it: it frames the tab's URL in one frame context and answers the
// postMessage protocol of @microsoft/teams-js (requests {id, uuidAsString, func, args} answered with
// {id, uuidAsString, args}; events from the host {func, args} without an id). It runs on its own origin
// (https://teams.microsoft.com, resolved to this machine), so teams-js checks it as it checks Teams.
// Settings come from window.__hostConfig (set by test/kit/teams-host/teams.ts), tokens from
// window.__hostGetToken(resource) (exposed by the test).
/* global window, document, performance */
(function () {
  'use strict';
  var cfg = window.__hostConfig;
  if (!cfg) throw new Error('window.__hostConfig missing (set it with addInitScript)');
  var frame = document.getElementById('app');
  var log = (window.__hostLog = []);
  var state = (window.__hostState = {
    shared: [],
    deepLinks: [],
    handlers: [],
    settings: cfg.savedSettings || null,
    valid: null,
    saved: false,
    saveFailure: null,
    settingsRefused: null,
    notifySuccessMs: null,
    appLoadedMs: null,
    failures: [],
    unhandled: [],
    startedMs: performance.now(),
  });
  var ctx = cfg.context;
  document.body.dataset.theme = ctx.theme;
  frame.title = cfg.appName;
  frame.style.width = cfg.width ? cfg.width + 'px' : '100%';

  function runtimeConfig() {
    return JSON.stringify({
      apiVersion: 4,
      hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
      isLegacyTeams: false,
      supports: {
        app: {},
        appInstallDialog: {},
        appEntity: {},
        dialog: { card: { bot: {} }, url: { bot: {}, parentCommunication: {} }, update: {} },
        meeting: { appShareButton: {} },
        pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
        stageView: {},
        teamsCore: {},
      },
    });
  }

  function hostOf(url) {
    try {
      var u = new URL(url);
      return u.protocol === 'https:' ? u.hostname : null;
    } catch {
      return null;
    }
  }
  // Teams only talks to, and only stores URLs on, the domains the manifest lists (validDomains).
  function validDomain(url) {
    var h = hostOf(url);
    return !!h && cfg.validDomains.some(function (d) {
      return d === h || (d.indexOf('*.') === 0 && h.slice(-d.length + 1) === d.slice(1));
    });
  }

  var appOrigin = new URL(cfg.url).origin;
  function post(msg) {
    frame.contentWindow.postMessage(msg, appOrigin);
  }

  window.addEventListener('message', function (ev) {
    if (ev.source !== frame.contentWindow || !validDomain(ev.origin)) return;
    var msg = ev.data;
    if (!msg || typeof msg.func !== 'string') return;
    var at = performance.now() - state.startedMs;
    log.push({ func: msg.func, args: msg.args, at: at });
    function reply(args) {
      post({ id: msg.id, uuidAsString: msg.uuidAsString, args: args });
    }
    var args = msg.args || [];
    switch (msg.func) {
      case 'initialize':
        reply([ctx.frameContext, 'web', runtimeConfig(), '2.58.0']);
        break;
      case 'getContext':
        reply([ctx]);
        break;
      case 'authentication.getAuthToken':
        Promise.resolve(window.__hostGetToken ? window.__hostGetToken(cfg.ssoResource) : null).then(
          function (token) {
            if (token) reply([true, token]);
            else reply([false, 'resourceDisabled']);
          },
          function (e) {
            reply([false, String(e && e.message ? e.message : e)]);
          },
        );
        break;
      case 'registerHandler':
        state.handlers.push(args[0]);
        break;
      case 'settings.setValidityState':
        state.valid = args[0] === true;
        break;
      case 'settings.setSettings': {
        var s = args[0] || {};
        // What Teams refuses: no contentUrl, or one outside the manifest's validDomains.
        if (!s.contentUrl || !validDomain(s.contentUrl)) {
          state.settingsRefused = s.contentUrl || '(none)';
          reply([false, 'contentUrl is not on a domain of the app manifest’s validDomains: ' + s.contentUrl]);
        } else if (s.websiteUrl && !validDomain(s.websiteUrl)) {
          state.settingsRefused = s.websiteUrl;
          reply([false, 'websiteUrl is not on a domain of the app manifest’s validDomains: ' + s.websiteUrl]);
        } else {
          state.pendingSettings = s;
          reply([true]);
        }
        break;
      }
      case 'settings.getSettings':
        reply([state.settings]);
        break;
      case 'settings.save.success':
        if (state.pendingSettings) state.settings = state.pendingSettings;
        state.saved = true;
        break;
      case 'settings.save.failure':
        state.saveFailure = args[0] || 'failed';
        break;
      case 'appInitialization.appLoaded':
        if (state.appLoadedMs === null) state.appLoadedMs = at;
        break;
      case 'appInitialization.success':
        if (state.notifySuccessMs === null) state.notifySuccessMs = at;
        break;
      case 'appInitialization.failure':
      case 'appInitialization.expectedFailure':
        state.failures.push(args);
        break;
      case 'meeting.shareAppContentToStage':
        state.shared.push(args[0]);
        reply([null, true]);
        break;
      case 'executeDeepLink':
        state.deepLinks.push(args[0]);
        reply([true]);
        break;
      default:
        state.unhandled.push(msg.func);
        break;
    }
  });

  // Host-initiated events, driven by the test.
  window.__hostSetTheme = function (theme) {
    ctx.theme = theme;
    document.body.dataset.theme = theme;
    post({ func: 'themeChange', args: [theme] });
  };
  // Teams' Save button: enabled only after setValidityState(true).
  window.__hostSave = function () {
    if (state.valid !== true) throw new Error('Save is disabled: the configuration page has not called setValidityState(true)');
    state.saved = false;
    state.saveFailure = null;
    post({ func: 'settings.save', args: [{}] });
  };

  frame.src = cfg.url;
})();
