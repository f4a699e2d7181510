// The widgets never sign anyone in themselves: when a member must sign in, they fire
// `ek-auth-required` (bubbling and composed, so it reaches the document from inside shadow DOM)
// and leave it to the host site. This site answers with its own sign-in page, which returns here.
document.addEventListener('ek-auth-required', () => {
  const signIn = new URL(document.documentElement.dataset.signInUrl ?? '', location.href);
  if (signIn.pathname === location.pathname) {
    // Already on the sign-in page: move the member to the accounts instead of reloading.
    document.querySelector('.accounts')?.querySelector('button')?.focus();
  } else {
    location.assign(signIn);
  }
});
