// A same-origin stand-in for the Teams client: frames the tab and answers @microsoft/teams-js's
// postMessage protocol (teams-js accepts messages from its own origin without the CDN origin list).
// Requests from the app: {id, uuidAsString, func, args}; replies: {id, uuidAsString, args}.
// Host-initiated events (theme change, config save): {func, args} without an id.
/* global window, document, performance */
(function () {
  'use strict';
  var cfg = window.__hostConfig;
  if (!cfg) throw new Error('window.__hostConfig missing (set it with addInitScript)');
  var frame = document.getElementById('app');
  var log = (window.__hostLog = []);
  var state = (window.__hostState = { shared: [], settings: null, valid: null, notifySuccessMs: null, appLoadedMs: null, failures: [], startedMs: performance.now() });

  function runtimeConfig() {
    return JSON.stringify({
      apiVersion: 4,
      hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
      isLegacyTeams: false,
      supports: {
        appInstallDialog: {},
        appEntity: {},
        dialog: { card: { bot: {} }, url: { bot: {}, parentCommunication: {} }, update: {} },
        meeting: {},
        pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
        stageView: {},
        teamsCore: {},
      },
    });
  }

  function legacyContext() {
    return {
      locale: cfg.locale,
      theme: cfg.theme,
      frameContext: cfg.frameContext,
      hostClientType: 'web',
      hostName: 'Teams',
      sessionId: 'host-session',
      appSessionId: 'app-session',
      entityId: cfg.entityId || 'radslag',
      userObjectId: cfg.user.oid,
      userPrincipalName: cfg.user.upn,
      loginHint: cfg.user.upn,
      userDisplayName: cfg.user.name,
      tid: cfg.tenantId,
      meetingId: cfg.teamsMeetingId || undefined,
      chatId: cfg.chatId || undefined,
      channelId: cfg.channelId || undefined,
      teamId: cfg.teamId || undefined,
      groupId: cfg.groupId || undefined,
    };
  }

  function post(msg) {
    frame.contentWindow.postMessage(msg, window.location.origin);
  }

  window.addEventListener('message', function (ev) {
    if (ev.source !== frame.contentWindow || ev.origin !== window.location.origin) return;
    var msg = ev.data;
    if (!msg || typeof msg.func !== 'string') return;
    var at = performance.now() - state.startedMs;
    log.push({ func: msg.func, args: msg.args, at: at });
    function reply(args) {
      post({ id: msg.id, uuidAsString: msg.uuidAsString, args: args });
    }
    switch (msg.func) {
      case 'initialize':
        reply([cfg.frameContext, 'web', runtimeConfig(), '2.58.0']);
        break;
      case 'getContext':
        reply([legacyContext()]);
        break;
      case 'authentication.getAuthToken':
        Promise.resolve(window.__hostGetToken ? window.__hostGetToken() : null).then(
          function (token) {
            if (token) reply([true, token]);
            else reply([false, 'resourceDisabled']);
          },
          function (e) {
            reply([false, String(e && e.message ? e.message : e)]);
          },
        );
        break;
      case 'meeting.shareAppContentToStage':
        state.shared.push(msg.args[0]);
        reply([null, true]);
        break;
      case 'appInitialization.appLoaded':
        if (state.appLoadedMs === null) state.appLoadedMs = at;
        break;
      case 'appInitialization.success':
        if (state.notifySuccessMs === null) state.notifySuccessMs = at;
        break;
      case 'appInitialization.failure':
      case 'appInitialization.expectedFailure':
        state.failures.push(msg.args);
        break;
      case 'settings.setValidityState':
        state.valid = msg.args[0];
        break;
      case 'settings.setSettings':
        state.settings = msg.args[0];
        reply([true]);
        break;
      case 'settings.save.success':
        state.saved = true;
        break;
      case 'settings.save.failure':
        state.saveFailed = msg.args;
        break;
      default:
        // registerHandler and other one-way messages need no answer.
        break;
    }
  });

  // Host-initiated events, driven by the test.
  window.__hostSetTheme = function (theme) {
    cfg.theme = theme;
    post({ func: 'themeChange', args: [theme] });
  };
  window.__hostSave = function () {
    post({ func: 'settings.save', args: [{}] });
  };

  frame.src = cfg.tabUrl;
})();
