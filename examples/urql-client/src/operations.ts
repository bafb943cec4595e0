// The operations this front end sends. GraphQL Code Generator reads them (and ../../schema.graphqls) and writes
// src/gql/: `graphql(...)` below then returns a TypedDocumentNode, so urql knows each result's and variables' types.
import { graphql } from './gql/index.js';

export const WhoAmI = graphql(`
  query WhoAmI {
    me { id email role status }
    tenant { id name plan }
  }
`);

export const OpenTasks = graphql(`
  query OpenTasks($key: String!, $status: TaskStatus!, $after: String) {
    project(key: $key) {
      id
      key
      taskCounts { todo }
      tasks(first: 5, after: $after, filter: { status: $status }) {
        edges { cursor node { id identifier title status priority dueDate assignee { name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const AddComment = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      clientMutationId
      comment { id body version author { email } }
    }
  }
`);

export const EditComment = graphql(`
  mutation EditComment($input: EditCommentInput!) {
    editComment(input: $input) { comment { id body version editedAt } }
  }
`);

export const DeleteComment = graphql(`
  mutation DeleteComment($input: DeleteCommentInput!) {
    deleteComment(input: $input) { deletedCommentId }
  }
`);
