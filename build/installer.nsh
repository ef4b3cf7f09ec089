; Custom NSIS steps for RPA Supervisor (electron-builder `nsis.include`).
;
; electron-builder registers URL protocols on macOS and Linux only, so the Windows installer
; writes the OAuth redirect scheme itself. The command matches what the app re-asserts at run
; time with app.setAsDefaultProtocolClient: the sentinel argument, then the URL, each quoted so
; the URL cannot add arguments of its own (S8 in docs/security-matrix.md).
; The scheme must equal appIdentity.protocolScheme.production (checked by builder-config.test.ts).

!define RPA_SUPERVISOR_SCHEME "uk.co.rpasupervisor"

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\${RPA_SUPERVISOR_SCHEME}" "" "URL:RPA Supervisor sign-in"
  WriteRegStr SHCTX "Software\Classes\${RPA_SUPERVISOR_SCHEME}" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\${RPA_SUPERVISOR_SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\${RPA_SUPERVISOR_SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "--deep-link" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\${RPA_SUPERVISOR_SCHEME}"
  ; The app also registers itself per user at run time; remove that copy too.
  DeleteRegKey HKCU "Software\Classes\${RPA_SUPERVISOR_SCHEME}"
!macroend
